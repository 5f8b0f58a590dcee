package dev.stowage.oss.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server driven by the unmodified official client, CRC-64 checking on (its default). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OssServerTest {
  private static final String BUCKET = "stowage-oss";

  private OssServer server;
  private OSS client;

  @BeforeAll
  void start() throws IOException {
    server = OssServer.builder().build().start();
    client = client(server.accessKeySecret());
  }

  @AfterAll
  void stop() {
    client.shutdown();
    server.close();
  }

  private OSS client(String secret) {
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setMaxErrorRetry(0);
    conf.setSLDEnabled(true);
    return OSSClientBuilder.create()
        .endpoint(server.endpoint().toString())
        .credentialsProvider(new DefaultCredentialProvider(server.accessKeyId(), secret))
        .clientConfiguration(conf)
        .build();
  }

  /** A client whose empty credentials make it send requests unsigned, as the SDK does. */
  private OSS anonymousClient() {
    com.aliyun.oss.common.auth.Credentials none =
        new com.aliyun.oss.common.auth.Credentials() {
          @Override
          public String getAccessKeyId() {
            return "";
          }

          @Override
          public String getSecretAccessKey() {
            return "";
          }

          @Override
          public String getSecurityToken() {
            return null;
          }

          @Override
          public boolean useSecurityToken() {
            return false;
          }
        };
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setMaxErrorRetry(0);
    return OSSClientBuilder.create()
        .endpoint(server.endpoint().toString())
        .credentialsProvider(
            new com.aliyun.oss.common.auth.CredentialsProvider() {
              @Override
              public void setCredentials(com.aliyun.oss.common.auth.Credentials credentials) {}

              @Override
              public com.aliyun.oss.common.auth.Credentials getCredentials() {
                return none;
              }
            })
        .clientConfiguration(conf)
        .build();
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  private static byte[] read(OSSObject object) throws IOException {
    try (InputStream in = object.getObjectContent()) {
      return in.readAllBytes();
    }
  }

  @Test
  void createsAndFindsBuckets() {
    client.createBucket(BUCKET);
    assertThat(client.doesBucketExist(BUCKET)).isTrue();
    assertThat(client.doesBucketExist("no-such-bucket")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain.bin",
        "dir/a b+c/\u00e9.txt",
        "q?hash#amp&eq=pct%20",
        "\uD83D\uDE00/\u65e5\u672c",
        "a//b/./c"
      })
  void roundTripsObjectsWithMetadataAndChecksAllCrcs(String key) throws IOException {
    server.createBucket(BUCKET);
    byte[] content = bytes(300_001);
    ObjectMetadata metadata = new ObjectMetadata();
    metadata.setContentLength(content.length);
    metadata.setUserMetadata(Map.of("origin", "tck", "Mixed-Case", "v"));
    client.putObject(BUCKET, key, new ByteArrayInputStream(content), metadata);

    assertThat(read(client.getObject(BUCKET, key))).isEqualTo(content);
    ObjectMetadata head = client.getObjectMetadata(BUCKET, key);
    assertThat(head.getContentLength()).isEqualTo(content.length);
    assertThat(head.getUserMetadata())
        .containsEntry("origin", "tck")
        .containsEntry("mixed-case", "v");
    assertThat(head.getObjectType()).isEqualTo("Normal");
    assertThat(head.getETag()).hasSize(32).isUpperCase();
    assertThat(client.doesObjectExist(BUCKET, key)).isTrue();
  }

  @Test
  void countsAuthenticatedRequestsByOperation() {
    server.createBucket(BUCKET);
    long puts = server.requests(OssOperation.PUT_OBJECT);
    long heads = server.requests(OssOperation.HEAD_OBJECT);
    client.putObject(BUCKET, "counted.bin", new ByteArrayInputStream(bytes(10)));
    client.getObjectMetadata(BUCKET, "counted.bin");
    client.getObjectMetadata(BUCKET, "counted.bin");
    assertThat(server.requests(OssOperation.PUT_OBJECT) - puts).isEqualTo(1);
    assertThat(server.requests(OssOperation.HEAD_OBJECT) - heads).isEqualTo(2);
  }

  @Test
  void downloadsToAFileWithTheClientsCrcCheck(@TempDir Path temp) throws IOException {
    server.createBucket(BUCKET);
    byte[] content = bytes(1_000_003);
    client.putObject(BUCKET, "file.bin", new ByteArrayInputStream(content));
    client.getObject(new GetObjectRequest(BUCKET, "file.bin"), temp.resolve("out").toFile());
    assertThat(Files.readAllBytes(temp.resolve("out"))).isEqualTo(content);
  }

  @Test
  void acceptsChunkedBodiesOfUnknownLength() throws IOException {
    server.createBucket(BUCKET);
    byte[] content = bytes(70_000);
    client.putObject(BUCKET, "chunked", new ByteArrayInputStream(content)); // no length: chunked
    client.putObject(BUCKET, "empty-chunked", new ByteArrayInputStream(new byte[0]));
    assertThat(read(client.getObject(BUCKET, "chunked"))).isEqualTo(content);
    assertThat(client.getObjectMetadata(BUCKET, "empty-chunked").getContentLength()).isZero();
  }

  @Test
  void servesRangesInLegacyAndStandardBehaviour() throws IOException {
    server.createBucket(BUCKET);
    byte[] content = bytes(1_000);
    client.putObject(BUCKET, "ranged", new ByteArrayInputStream(content));

    GetObjectRequest middle = new GetObjectRequest(BUCKET, "ranged");
    middle.setRange(100, 199);
    assertThat(read(client.getObject(middle)))
        .isEqualTo(java.util.Arrays.copyOfRange(content, 100, 200));

    GetObjectRequest overEnd = new GetObjectRequest(BUCKET, "ranged");
    overEnd.setRange(500, 2_000);
    assertThat(read(client.getObject(overEnd)))
        .as("legacy: ignored, whole object")
        .isEqualTo(content);

    GetObjectRequest standard = new GetObjectRequest(BUCKET, "ranged");
    standard.setRange(500, 2_000);
    standard.addHeader("x-oss-range-behavior", "standard");
    assertThat(read(client.getObject(standard)))
        .as("standard: clamped")
        .isEqualTo(java.util.Arrays.copyOfRange(content, 500, 1_000));

    GetObjectRequest past = new GetObjectRequest(BUCKET, "ranged");
    past.setRange(1_000, 1_010);
    past.addHeader("x-oss-range-behavior", "standard");
    assertThatThrownBy(() -> client.getObject(past))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidRange"));
  }

  @Test
  void refusesOverwriteWhenForbiddenAndKeepsTheObject() throws IOException {
    server.createBucket(BUCKET);
    client.putObject(
        BUCKET, "once", new ByteArrayInputStream("first".getBytes(StandardCharsets.UTF_8)));
    ObjectMetadata metadata = new ObjectMetadata();
    metadata.setHeader("x-oss-forbid-overwrite", "true");
    PutObjectRequest again =
        new PutObjectRequest(BUCKET, "once", new ByteArrayInputStream(new byte[] {1}), metadata);
    assertThatThrownBy(() -> client.putObject(again))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("FileAlreadyExists"));
    assertThat(read(client.getObject(BUCKET, "once")))
        .isEqualTo("first".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void checksContentMd5() {
    server.createBucket(BUCKET);
    ObjectMetadata metadata = new ObjectMetadata();
    metadata.setContentMD5(Base64.getEncoder().encodeToString(new byte[16]));
    assertThatThrownBy(
            () ->
                client.putObject(
                    BUCKET, "md5", new ByteArrayInputStream(new byte[] {1, 2}), metadata))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidDigest"));
  }

  @Test
  void deletesIdempotentlyAndReportsMissingKeysAndBuckets() {
    server.createBucket(BUCKET);
    client.putObject(BUCKET, "doomed", new ByteArrayInputStream(new byte[] {1}));
    client.deleteObject(BUCKET, "doomed");
    client.deleteObject(BUCKET, "doomed");
    assertThat(client.doesObjectExist(BUCKET, "doomed")).isFalse();
    assertThatThrownBy(() -> client.getObject(BUCKET, "doomed"))
        .isInstanceOfSatisfying(
            OSSException.class,
            e -> {
              assertThat(e.getErrorCode()).isEqualTo("NoSuchKey");
              assertThat(e.getRequestId()).hasSize(24);
            });
    assertThatThrownBy(() -> client.getObject("no-such-bucket", "k"))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchBucket"));
  }

  @Test
  void checksTheSignature() {
    server.createBucket(BUCKET);
    OSS wrong = client("not-the-secret");
    try {
      assertThatThrownBy(
              () -> wrong.putObject(BUCKET, "k", new ByteArrayInputStream(new byte[] {1})))
          .isInstanceOfSatisfying(
              OSSException.class,
              e -> assertThat(e.getErrorCode()).isEqualTo("SignatureDoesNotMatch"));
    } finally {
      wrong.shutdown();
    }
  }

  @Test
  void refusesASkewedClock() throws IOException {
    try (OssServer future =
        OssServer.builder()
            .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)))
            .build()
            .start()) {
      future.createBucket(BUCKET);
      ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
      conf.setMaxErrorRetry(0);
      OSS skewed =
          OSSClientBuilder.create()
              .endpoint(future.endpoint().toString())
              .credentialsProvider(
                  new DefaultCredentialProvider(future.accessKeyId(), future.accessKeySecret()))
              .clientConfiguration(conf)
              .build();
      try {
        assertThatThrownBy(
                () -> skewed.putObject(BUCKET, "k", new ByteArrayInputStream(new byte[] {1})))
            .isInstanceOfSatisfying(
                OSSException.class,
                e -> assertThat(e.getErrorCode()).isEqualTo("RequestTimeTooSkewed"));
      } finally {
        skewed.shutdown();
      }
    }
  }

  @Test
  void answersWhatItDoesNotImplementWithNotImplemented() {
    server.createBucket(BUCKET);
    assertThatThrownBy(() -> client.getBucketInfo(BUCKET))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NotImplemented"));
    assertThatThrownBy(
            () ->
                client.appendObject(
                    new com.aliyun.oss.model.AppendObjectRequest(
                            BUCKET, "appendable", new ByteArrayInputStream(new byte[] {1}))
                        .withPosition(0L)))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NotImplemented"));
    assertThat(client.doesObjectExist(BUCKET, "appendable")).isFalse();
    ObjectMetadata encrypted = new ObjectMetadata();
    encrypted.setServerSideEncryption(ObjectMetadata.AES_256_SERVER_SIDE_ENCRYPTION);
    assertThatThrownBy(
            () ->
                client.putObject(
                    BUCKET, "encrypted", new ByteArrayInputStream(new byte[] {1}), encrypted))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NotImplemented"));
    assertThat(client.doesObjectExist(BUCKET, "encrypted")).isFalse();
  }

  @Test
  void deniesAnonymousRequestsAndRefusesBadArgumentsAndNames() {
    server.createBucket(BUCKET);
    OSS anonymous = anonymousClient();
    try {
      assertThatThrownBy(() -> anonymous.getObject(BUCKET, "k"))
          .isInstanceOfSatisfying(
              OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("AccessDenied"));
    } finally {
      anonymous.shutdown();
    }
    assertThatThrownBy(
            () ->
                client.listObjectsV2(
                    new com.aliyun.oss.model.ListObjectsV2Request(BUCKET)
                        .withContinuationToken("not-a-token")))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("InvalidArgument"));
    // InvalidObjectName cannot be provoked through this client: it refuses keys over 1,023
    // bytes, with CR or LF, or starting with '/' before sending them.
    assertThatThrownBy(
            () ->
                client.putObject(BUCKET, "k".repeat(1_024), new ByteArrayInputStream(new byte[1])))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportsTheErrorCodeOfAHeadThroughTheErrHeader() {
    assertThatThrownBy(() -> client.getObjectMetadata("no-such-bucket", "k"))
        .isInstanceOfSatisfying(
            OSSException.class, e -> assertThat(e.getErrorCode()).isEqualTo("NoSuchBucket"));
  }

  @Test
  void computesCrc64AsOssDoes() {
    assertThat(Crc64.text(Crc64.of(new byte[0]))).isEqualTo("0");
    assertThat(Crc64.text(Crc64.of("123456789".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("11051210869376104954");
    assertThat(Crc64.text(Crc64.of("hi oss".getBytes(StandardCharsets.US_ASCII))))
        .isEqualTo("8707180448768400016");
    byte[] a = "hello ".getBytes(StandardCharsets.US_ASCII);
    byte[] b = "world".getBytes(StandardCharsets.US_ASCII);
    assertThat(Crc64.update(Crc64.of(a), b, 0, b.length))
        .isEqualTo(Crc64.of("hello world".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void signsV1AsTheKnownAnswerSays() throws Exception {
    // Go SDK vector from shared/OSS-PROTOCOL.md: secret "sk".
    byte[] stringToSign =
        ("PUT\neB5eJF1ptWaXm4bijSPyxw==\ntext/html\nWed, 28 Dec 2022 10:27:41 GMT\n"
                + "x-oss-date:Wed, 28 Dec 2022 10:27:41 GMT\nx-oss-meta-author:alice\nx-oss-meta-magic:abracadabra\n/examplebucket/nelson")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(SignatureV1.matches(stringToSign, "sk", "kSHKmLxlyEAKtZPkJhG9bZb5k7M=")).isTrue();
    assertThat(SignatureV1.matches(stringToSign, "sk", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=")).isFalse();
    assertThat(List.of(server.toString()))
        .allMatch(text -> !text.contains(server.accessKeySecret()));
  }
}
