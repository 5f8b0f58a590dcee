package dev.stowage.oss.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.comm.SignVersion;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.UploadPartRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signature V4, checked server-side, through the official client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OssServerSignatureV4Test {
  private static final String BUCKET = "v4-bucket";

  private OssServer server;
  private OSS client;

  @BeforeAll
  void start() throws IOException {
    server = OssServer.builder().build().start();
    server.createBucket(BUCKET);
    client = TestClients.v4(server);
  }

  @AfterAll
  void stop() {
    client.shutdown();
    server.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"plain", "with space/and+plus", "p%c?t#h&=x", "unicode/\u00e9\u4e2d", "a//b/./c"})
  void signsEveryOperationOfAnObject(String key) throws IOException {
    byte[] content = "v4 content".getBytes(StandardCharsets.UTF_8);
    ObjectMetadata metadata = new ObjectMetadata();
    metadata.addUserMetadata("Owner", "stowage");
    client.putObject(BUCKET, key, new ByteArrayInputStream(content), metadata);

    try (InputStream in = client.getObject(BUCKET, key).getObjectContent()) {
      assertThat(in.readAllBytes()).isEqualTo(content);
    }
    assertThat(client.getObjectMetadata(BUCKET, key).getUserMetadata())
        .containsEntry("owner", "stowage");
    assertThat(client.doesObjectExist(BUCKET, key)).isTrue();
    client.deleteObject(BUCKET, key);
    assertThat(client.doesObjectExist(BUCKET, key)).isFalse();
  }

  @Test
  void signsListingsBatchDeletesAndMultipart() {
    for (int i = 0; i < 5; i++) {
      client.putObject(BUCKET, "list/" + i, new ByteArrayInputStream(new byte[] {(byte) i}));
    }
    var page =
        client.listObjectsV2(new ListObjectsV2Request(BUCKET).withPrefix("list/").withMaxKeys(2));
    var next =
        client.listObjectsV2(
            new ListObjectsV2Request(BUCKET)
                .withPrefix("list/")
                .withMaxKeys(10)
                .withContinuationToken(page.getNextContinuationToken()));
    assertThat(page.getObjectSummaries()).hasSize(2);
    assertThat(next.getObjectSummaries()).hasSize(3);

    byte[] content = new byte[102_400 + 5];
    new Random(4).nextBytes(content);
    String uploadId =
        client
            .initiateMultipartUpload(new InitiateMultipartUploadRequest(BUCKET, "mpu"))
            .getUploadId();
    List<PartETag> tags = new ArrayList<>();
    tags.add(
        client
            .uploadPart(
                new UploadPartRequest(
                    BUCKET,
                    "mpu",
                    uploadId,
                    1,
                    new ByteArrayInputStream(Arrays.copyOf(content, 102_400)),
                    102_400))
            .getPartETag());
    tags.add(
        client
            .uploadPart(
                new UploadPartRequest(
                    BUCKET,
                    "mpu",
                    uploadId,
                    2,
                    new ByteArrayInputStream(Arrays.copyOfRange(content, 102_400, content.length)),
                    5))
            .getPartETag());
    client.completeMultipartUpload(
        new CompleteMultipartUploadRequest(BUCKET, "mpu", uploadId, tags));
    assertThat(client.getObjectMetadata(BUCKET, "mpu").getContentLength())
        .isEqualTo(content.length);

    List<String> keys = new ArrayList<>(List.of("mpu"));
    for (int i = 0; i < 5; i++) {
      keys.add("list/" + i);
    }
    assertThat(
            client
                .deleteObjects(new DeleteObjectsRequest(BUCKET).withKeys(keys))
                .getDeletedObjects())
        .containsExactlyInAnyOrderElementsOf(keys);
  }

  @Test
  void refusesAWrongSecretAndASkewedClock() throws IOException {
    OSS wrong = TestClients.client(server, SignVersion.V4, "not-the-secret", conf -> {});
    try {
      assertThatThrownBy(() -> wrong.putObject(BUCKET, "k", new ByteArrayInputStream(new byte[1])))
          .isInstanceOfSatisfying(
              OSSException.class,
              e -> assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch"));
    } finally {
      wrong.shutdown();
    }
    try (OssServer past =
        OssServer.builder()
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-16)))
            .build()
            .start()) {
      past.createBucket(BUCKET);
      OSS skewed = TestClients.v4(past);
      try {
        assertThatThrownBy(
                () -> skewed.putObject(BUCKET, "k", new ByteArrayInputStream(new byte[1])))
            .isInstanceOfSatisfying(
                OSSException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("RequestTimeTooSkewed"));
      } finally {
        skewed.shutdown();
      }
    }
  }

  @Test
  void signsAsTheKnownAnswerSays() {
    // Go SDK vector from shared/OSS-PROTOCOL.md section 3.3: AK "ak", SK "sk".
    List<QueryParameter> query =
        List.of(
            new QueryParameter("param1", "value1"),
            new QueryParameter("+param1", "value3"),
            new QueryParameter("|param1", "value4"),
            new QueryParameter("+param2", ""),
            new QueryParameter("|param2", ""),
            new QueryParameter("param2", ""));
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("x-oss-head1", "value");
    headers.put("abc", "value");
    headers.put("zabc", "value");
    headers.put("xyz", "value");
    headers.put("content-type", "text/plain");
    headers.put("x-oss-content-sha256", "UNSIGNED-PAYLOAD");
    headers.put("x-oss-date", "20231216T162057Z");
    byte[] canonical =
        SignatureV4.canonicalRequest("PUT", "/bucket/1234+-/123/1.txt", query, headers, Set.of());
    assertThat(new String(canonical, StandardCharsets.UTF_8))
        .contains("\n/bucket/1234%2B-/123/1.txt\n")
        .contains("\n%2Bparam1=value3&%2Bparam2&%7Cparam1=value4&%7Cparam2&param1=value1&param2\n");
    SignatureV4.Authorization authorization =
        SignatureV4.Authorization.parse(
            "OSS4-HMAC-SHA256 Credential=ak/20231216/cn-hangzhou/oss/aliyun_v4_request,"
                + "Signature=e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe");
    byte[] stringToSign =
        SignatureV4.stringToSign("20231216T162057Z", authorization.scope(), canonical);
    assertThat(SignatureV4.matches(stringToSign, "sk", authorization)).isTrue();
    assertThat(SignatureV4.matches(stringToSign, "sK", authorization)).isFalse();
  }
}
