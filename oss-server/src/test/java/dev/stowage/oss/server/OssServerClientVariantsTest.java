package dev.stowage.oss.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.HttpMethod;
import com.aliyun.oss.OSS;
import com.aliyun.oss.model.GeneratePresignedUrlRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The ways official clients sign that the Java client does not use by default: presigned URLs of
 * both signature versions (made by the Java client's own {@code generatePresignedUrl}), V1 requests
 * with {@code x-oss-date} and no {@code Date} as the Node.js client sends them, and sub-resources
 * sent as {@code ?uploads=} but signed bare.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OssServerClientVariantsTest {
  private static final String BUCKET = "variants";

  private OssServer server;

  @BeforeAll
  void start() throws IOException {
    server = OssServer.builder().build().start();
    server.createBucket(BUCKET);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void servesPresignedUrlsOfBothVersionsUntilTheyExpire() throws Exception {
    Map<String, OSS> clients = Map.of("v1", TestClients.v1(server), "v4", TestClients.v4(server));
    for (Map.Entry<String, OSS> entry : clients.entrySet()) {
      OSS client = entry.getValue();
      try {
        String key = "presigned/" + entry.getKey();
        Date inAnHour = Date.from(Instant.now().plusSeconds(3600));
        GeneratePresignedUrlRequest put =
            new GeneratePresignedUrlRequest(BUCKET, key, HttpMethod.PUT);
        put.setExpiration(inAnHour);
        assertThat(send(client.generatePresignedUrl(put), "PUT", "uploaded by URL"))
            .as("PUT through a presigned URL")
            .isEqualTo(200);
        URL get = client.generatePresignedUrl(BUCKET, key, inAnHour);
        assertThat(read(get)).isEqualTo("uploaded by URL");

        URL expired =
            client.generatePresignedUrl(BUCKET, key, Date.from(Instant.now().minusSeconds(60)));
        HttpURLConnection refused = (HttpURLConnection) expired.openConnection();
        assertThat(refused.getResponseCode()).isEqualTo(403);
        assertThat(new String(refused.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
            .contains("Request has expired");
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void acceptsV1WithXossDateAndNoDate() throws IOException {
    String date = Dates.RFC_1123.format(Instant.now());
    Map<String, String> headers = new TreeMap<>(Map.of("x-oss-date", date, "host", "127.0.0.1"));
    byte[] body = "node".getBytes(StandardCharsets.UTF_8);
    RawHttp.Answer answer =
        RawHttp.exchange(
            server.endpoint(), v1Request("PUT", "/" + BUCKET + "/node", "", date, headers, body));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
  }

  @Test
  void acceptsASubResourceSentWithEqualsAndSignedBare() throws IOException {
    String date = Dates.RFC_1123.format(Instant.now());
    Map<String, String> headers = new TreeMap<>(Map.of("date", date, "host", "127.0.0.1"));
    RawHttp.Answer answer =
        RawHttp.exchange(
            server.endpoint(),
            v1Request("POST", "/" + BUCKET + "/parts", "uploads=", date, headers, new byte[0]));
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.body()).contains("<UploadId>");
  }

  /** A V1 request whose string to sign has {@code dateLine} and sub-resources without '='. */
  private byte[] v1Request(
      String method,
      String path,
      String query,
      String dateLine,
      Map<String, String> headers,
      byte[] body) {
    HttpExchange signed =
        new HttpExchange(
            method, path, query, new TreeMap<>(headers), () -> new ByteArrayInputStream(body));
    byte[] stringToSign =
        SignatureV1.stringToSign(
            signed, dateLine, path, QueryParameter.parse(query), /* emptyValuesBare= */ true);
    String signature = SignatureV1.sign(stringToSign, server.accessKeySecret());
    StringBuilder head =
        new StringBuilder(
            method + " " + path + (query.isEmpty() ? "" : "?" + query) + " HTTP/1.1\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("content-length: ").append(body.length).append("\r\n");
    head.append("authorization: OSS ")
        .append(server.accessKeyId())
        .append(':')
        .append(signature)
        .append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] request = new byte[headBytes.length + body.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(body, 0, request, headBytes.length, body.length);
    return request;
  }

  /** Sends a body as a plain HTTP client does: no Content-Type, which the URL did not sign. */
  private static int send(URL url, String method, String body) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(url.toURI())
                    .method(method, HttpRequest.BodyPublishers.ofString(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.body()).doesNotContain("<Error>");
    return response.statusCode();
  }

  private static String read(URL url) throws IOException {
    try (InputStream in = url.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
