package dev.stowage.oss.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.ResponseHeaderOverrides;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server against clients that mean harm, on loopback: bodies it never reads because the head is
 * not signed, bodies over its limit, silent and slow connections, a body that is not the one
 * signed, and a parameter that tries to write a header. Each case ends by itself: a socket read
 * waits for the server's answer or its close, never for a time.
 */
class OssServerHostileClientsTest {
  private static final String BUCKET = "hostile";
  private static final DateTimeFormatter V4_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

  @TempDir Path temp;

  /**
   * A server in a JVM of 128 MiB heap takes 50 unsigned PUTs that announce 1 GiB each and keep
   * sending, then 500 connections that say nothing, and still answers a signed request.
   */
  @Test
  void aSmallHeapSurvivesGiantUnsignedBodiesAndIdleConnections() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m",
                "-cp",
                System.getProperty("java.class.path"),
                OssServer.class.getName(),
                "--bucket=" + BUCKET,
                "--access-key-id=LTAIHOSTILE",
                "--access-key-secret=hostile-secret")
            .redirectError(temp.resolve("server-err").toFile())
            .start();
    try {
      URI endpoint = endpointOf(child);
      long sentBeforeRefusal = 0;
      for (int i = 0; i < 50; i++) {
        try (Socket socket = socket(endpoint)) {
          String head =
              "PUT /"
                  + BUCKET
                  + "/giant-"
                  + i
                  + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                  + "Content-Length: 1073741824\r\n\r\n";
          OutputStream out = socket.getOutputStream();
          out.write(head.getBytes(StandardCharsets.ISO_8859_1));
          // the answer comes from the head alone, before a byte of the body
          RawHttp.Answer answer = RawHttp.Answer.read(socket.getInputStream());
          assertThat(answer.status()).as("answer to an unsigned giant PUT").isEqualTo(403);
          assertThat(answer.header("connection")).isEqualToIgnoringCase("close");
          // and the server reads none of what the client then sends: it has closed
          sentBeforeRefusal += sendUntilRefused(out, 1L << 30);
        }
      }
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 500; i++) {
          idle.add(socket(endpoint));
        }
        OSS client = client(endpoint, "LTAIHOSTILE", "hostile-secret");
        try {
          long start = System.nanoTime();
          client.putObject(BUCKET, "after", new ByteArrayInputStream(new byte[] {1, 2, 3}));
          long millis = (System.nanoTime() - start) / 1_000_000;
          assertThat(client.getObject(BUCKET, "after").getObjectContent().readAllBytes())
              .containsExactly(1, 2, 3);
          System.out.printf(
              "oss-server -Xmx128m: 50 unsigned 1 GiB PUTs refused after %d bytes sent on average;"
                  + " a signed PUT with 500 idle connections open took %d ms; heap: %s%n",
              sentBeforeRefusal / 50, millis, heapOf(child));
        } finally {
          client.shutdown();
        }
      } finally {
        for (Socket socket : idle) {
          socket.close();
        }
      }
      assertThat(sentBeforeRefusal / 50)
          .as("bytes a refused client could send")
          .isLessThan(1 << 26);
      assertThat(child.isAlive()).as("the server is alive").isTrue();
    } finally {
      child.destroy();
      child.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(temp.resolve("server-err"))).doesNotContain("OutOfMemoryError");
  }

  /** What {@code jcmd} says of a JVM's heap, as a figure for the record. */
  private static String heapOf(Process child) throws Exception {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    if (!Files.isExecutable(jcmd)) {
      return "not measured (no jcmd)";
    }
    Process info =
        new ProcessBuilder(jcmd.toString(), String.valueOf(child.pid()), "GC.heap_info")
            .redirectErrorStream(true)
            .start();
    String text = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    info.waitFor(60, TimeUnit.SECONDS);
    return text.lines()
        .filter(line -> line.contains("used"))
        .findFirst()
        .map(String::trim)
        .orElse("not measured");
  }

  @Test
  void holdsAThreadOnlyForARequestNotForAnIdleConnection() throws Exception {
    try (OssServer server = OssServer.builder().build().start()) {
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < 300; i++) {
          idle.add(socket(server.endpoint()));
        }
        long threads =
            Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("oss-server"))
                .count();
        // the pool's bound (128 requests and 16 for Jetty's own work), whatever the connections
        assertThat(threads).as("server threads with 300 idle connections").isLessThanOrEqualTo(144);
      } finally {
        for (Socket socket : idle) {
          socket.close();
        }
      }
    }
  }

  @Test
  void dropsSilentAndSlowConnectionsAndABodyThatNeverComes() throws Exception {
    try (OssServer server =
        OssServer.builder().idleTimeout(Duration.ofMillis(500)).build().start()) {
      server.createBucket(BUCKET);
      List<Socket> slow = new ArrayList<>();
      try {
        for (int i = 0; i < 5; i++) {
          Socket socket = socket(server.endpoint());
          // a head that never ends, as a slowloris sends it
          socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes());
          slow.add(socket);
        }
        Socket silent = socket(server.endpoint());
        slow.add(silent);
        long start = System.nanoTime();
        for (Socket socket : slow) {
          assertThat(readsToTheEnd(socket)).as("the server closed a slow connection").isTrue();
        }
        System.out.printf(
            "oss-server, idle timeout 500 ms: 5 slow heads and 1 silent connection dropped in %d"
                + " ms%n",
            (System.nanoTime() - start) / 1_000_000);
      } finally {
        for (Socket socket : slow) {
          socket.close();
        }
      }
      // a signed PUT that announces 100 bytes and sends 10 gets an answer and a close
      try (Socket socket = socket(server.endpoint())) {
        byte[] partial = new byte[10];
        socket
            .getOutputStream()
            .write(signedPut(server, "short", new byte[100], partial, 100, true));
        assertThat(readsToTheEnd(socket)).isTrue();
      }
      assertThat(server.hasBucket(BUCKET)).isTrue();
    }
  }

  @Test
  void refusesABodyThatIsNotTheOneSigned() throws Exception {
    try (OssServer server = OssServer.builder().build().start()) {
      server.createBucket(BUCKET);
      byte[] signed = "the body that was signed".getBytes(StandardCharsets.UTF_8);
      byte[] other = "another body, same size!".getBytes(StandardCharsets.UTF_8);
      assertThat(other).hasSameSizeAs(signed);

      RawHttp.Answer replayed =
          exchange(server, signedPut(server, "k", signed, other, other.length, true));
      assertThat(replayed.status()).isEqualTo(400);
      assertThat(replayed.body()).contains("<Code>ContentSHA256Mismatch</Code>");

      RawHttp.Answer honest =
          exchange(server, signedPut(server, "k", signed, signed, signed.length, true));
      assertThat(honest.status()).as(honest.body()).isEqualTo(200);

      OSS client = client(server.endpoint(), server.accessKeyId(), server.accessKeySecret());
      try {
        assertThat(client.getObject(BUCKET, "k").getObjectContent().readAllBytes())
            .isEqualTo(signed);
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void refusesBodiesOverItsLimitByLengthOrAsTheyComeInChunks() throws Exception {
    try (OssServer server = OssServer.builder().maxBodyBytes(1024).build().start()) {
      server.createBucket(BUCKET);
      OSS client = client(server.endpoint(), server.accessKeyId(), server.accessKeySecret());
      try {
        client.putObject(BUCKET, "fits", new ByteArrayInputStream(new byte[1024]));
        assertThatThrownBy(
                () -> client.putObject(BUCKET, "big", new ByteArrayInputStream(new byte[2048])))
            .isInstanceOfSatisfying(
                OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("EntityTooLarge"));
        // no length given: the client sends it chunked
        ObjectMetadata unknownLength = new ObjectMetadata();
        assertThatThrownBy(
                () ->
                    client.putObject(
                        BUCKET, "chunked", new UnsizedStream(new byte[4096]), unknownLength))
            .isInstanceOfSatisfying(
                OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("EntityTooLarge"));
        assertThat(client.doesObjectExist(BUCKET, "big")).isFalse();
        assertThat(client.doesObjectExist(BUCKET, "chunked")).isFalse();
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void aResponseParameterCannotWriteAHeader() throws Exception {
    try (OssServer server = OssServer.builder().build().start()) {
      server.createBucket(BUCKET);
      OSS client = client(server.endpoint(), server.accessKeyId(), server.accessKeySecret());
      try {
        client.putObject(BUCKET, "page", new ByteArrayInputStream(new byte[] {1}));
        GetObjectRequest request = new GetObjectRequest(BUCKET, "page");
        ResponseHeaderOverrides overrides = new ResponseHeaderOverrides();
        overrides.setContentType("text/plain\r\nSet-Cookie: pwn=1");
        request.setResponseHeaders(overrides);
        assertThatThrownBy(() -> client.getObject(request))
            .isInstanceOfSatisfying(
                OSSException.class,
                e -> {
                  assertThat(e.getErrorCode()).isEqualTo("InvalidArgument");
                  assertThat(e.getErrorMessage()).contains("holds a line break");
                });
      } finally {
        client.shutdown();
      }
    }
  }

  @Test
  void answers503BeyondItsRequestLimitInsteadOfTakingAThreadEach() throws Exception {
    OssServer server = OssServer.builder().maxRequests(1).build().start();
    server.createBucket(BUCKET);
    OSS client = client(server.endpoint(), server.accessKeyId(), server.accessKeySecret());
    List<Socket> waiting = new ArrayList<>();
    try {
      client.putObject(BUCKET, "held", new ByteArrayInputStream(new byte[] {1}));
      server.faults().inject(Fault.stall(Duration.ofMinutes(5)).on(OssOperation.GET_OBJECT));
      java.util.concurrent.CompletableFuture<?> held =
          java.util.concurrent.CompletableFuture.runAsync(
              () -> {
                try (InputStream in = client.getObject(BUCKET, "held").getObjectContent()) {
                  in.readAllBytes();
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              });
      while (server.requests(OssOperation.GET_OBJECT) == 0) {
        assertThat(held).as("the held request is running").isNotDone();
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000); // polls for the event
      }
      // one more request waits for the one in progress; the next is refused at once
      List<Integer> statuses = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Socket socket = socket(server.endpoint());
        socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes());
        waiting.add(socket);
      }
      statuses.add(firstAnswer(waiting));
      assertThat(statuses).containsExactly(503);
    } finally {
      client.shutdown();
      server.close(); // ends the stall
      for (Socket socket : waiting) {
        socket.close();
      }
    }
  }

  /** The status of whichever of the sockets is answered first. */
  private static int firstAnswer(List<Socket> sockets) throws Exception {
    java.util.concurrent.ExecutorService readers =
        java.util.concurrent.Executors.newFixedThreadPool(sockets.size());
    try {
      java.util.concurrent.CompletionService<Integer> answers =
          new java.util.concurrent.ExecutorCompletionService<>(readers);
      for (Socket socket : sockets) {
        answers.submit(() -> RawHttp.Answer.read(socket.getInputStream()).status());
      }
      return answers.take().get();
    } finally {
      readers.shutdownNow();
    }
  }

  @Test
  void closeReturnsOnlyWhenItsThreadsHaveEnded() throws Exception {
    OssServer server = OssServer.builder().build().start();
    server.createBucket(BUCKET);
    OSS client = client(server.endpoint(), server.accessKeyId(), server.accessKeySecret());
    client.putObject(BUCKET, "k", new ByteArrayInputStream(new byte[] {1}));
    client.shutdown();
    server.close();
    assertThat(Thread.getAllStackTraces().keySet())
        .as("threads left once the server closed")
        .noneMatch(thread -> thread.isAlive() && thread.getName().startsWith("oss-server"));
  }

  // ---------------------------------------------------------------- helpers

  /** A PUT signed with V4 over {@code signedBody}'s SHA-256 that sends {@code sentBody}. */
  private static byte[] signedPut(
      OssServer server,
      String key,
      byte[] signedBody,
      byte[] sentBody,
      long contentLength,
      boolean withBody)
      throws Exception {
    String time = ZonedDateTime.now(ZoneOffset.UTC).format(V4_TIME);
    String day = time.substring(0, 8);
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("host", "127.0.0.1");
    headers.put("x-oss-date", time);
    headers.put(
        "x-oss-content-sha256",
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(signedBody)));
    headers.put("content-length", Long.toString(contentLength));
    String resource = "/" + BUCKET + "/" + key;
    byte[] canonical = SignatureV4.canonicalRequest("PUT", resource, List.of(), headers, Set.of());
    String scope = day + "/cn-hangzhou/oss/aliyun_v4_request";
    String signature =
        SignatureV4.sign(
            SignatureV4.stringToSign(time, scope, canonical),
            server.accessKeySecret(),
            day,
            "cn-hangzhou",
            "oss");
    StringBuilder head = new StringBuilder("PUT " + resource + " HTTP/1.1\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("authorization: OSS4-HMAC-SHA256 Credential=")
        .append(server.accessKeyId())
        .append('/')
        .append(scope)
        .append(",Signature=")
        .append(signature)
        .append("\r\n\r\n");
    byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    if (!withBody) {
      return headBytes;
    }
    byte[] request = new byte[headBytes.length + sentBody.length];
    System.arraycopy(headBytes, 0, request, 0, headBytes.length);
    System.arraycopy(sentBody, 0, request, headBytes.length, sentBody.length);
    return request;
  }

  private static RawHttp.Answer exchange(OssServer server, byte[] request) throws IOException {
    return RawHttp.exchange(server.endpoint(), request);
  }

  /** Writes up to {@code total} bytes until the server stops taking them; returns how many. */
  private static long sendUntilRefused(OutputStream out, long total) {
    byte[] chunk = new byte[64 * 1024];
    long sent = 0;
    try {
      while (sent < total) {
        out.write(chunk);
        sent += chunk.length;
      }
    } catch (IOException refused) {
      // the server answered and closed: what a client of a refused upload sees
    }
    return sent;
  }

  /** Reads until the server closes the connection; false only if it never does. */
  private static boolean readsToTheEnd(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      while (in.read() >= 0) {
        // an answer, such as 400 or 408, may come before the close
      }
      return true;
    } catch (SocketException reset) {
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    }
  }

  private static Socket socket(URI endpoint) throws IOException {
    return RawHttp.socket(endpoint);
  }

  private static URI endpointOf(Process child) throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      if (line.trim().startsWith("endpoint:")) {
        return URI.create(line.substring(line.indexOf("http")).trim());
      }
    }
    throw new AssertionError("the server printed no endpoint");
  }

  private static OSS client(URI endpoint, String id, String secret) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setMaxErrorRetry(0);
    return OSSClientBuilder.create()
        .endpoint(endpoint.toString())
        .credentialsProvider(new DefaultCredentialProvider(id, secret))
        .clientConfiguration(conf)
        .build();
  }

  /** A stream that does not tell its length, so the client sends it chunked. */
  private static final class UnsizedStream extends ByteArrayInputStream {
    UnsizedStream(byte[] bytes) {
      super(bytes);
    }

    @Override
    public synchronized int available() {
      return 0;
    }
  }
}
