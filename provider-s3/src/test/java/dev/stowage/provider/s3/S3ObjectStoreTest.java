package dev.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.TransientStorageException;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the contract cannot say about S3: options, error mapping against a real server, secrets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class S3ObjectStoreTest {
  private S3ProxyFixture server;

  @BeforeAll
  void start() {
    server = new S3ProxyFixture(Map.of());
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  void refusesAWrongSecretAsPermissionDeniedWithoutEchoingIt() {
    String wrong = "WRONG-SECRET-CANARY";
    try (ObjectStore store =
        server.open("s3://" + S3ProxyFixture.BUCKET + "/", Map.of("s3.secret-access-key", wrong))) {
      assertThatThrownBy(() -> store.put("k", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("credentials were refused")
          .hasMessageContaining("SignatureDoesNotMatch")
          .satisfies(
              e ->
                  assertThat(e.getMessage())
                      .doesNotContain(wrong)
                      .doesNotContain(S3ProxyFixture.SECRET_KEY));
    }
  }

  @ParameterizedTest(name = "s3.chunked-encoding={0}")
  @ValueSource(strings = {"true", "false"})
  void refusesASourceShorterOrLongerThanDeclaredWhateverTheBodyEncoding(String chunked) {
    try (ObjectStore store =
        server.open(
            "s3://" + S3ProxyFixture.BUCKET + "/encoding-" + chunked + "/",
            Map.of("s3.chunked-encoding", chunked))) {
      for (int actual : new int[] {60, 150}) {
        assertThatThrownBy(
                () -> store.put("lying", lyingContent(100, actual), WriteOptions.DEFAULTS))
            .as("a source of %d bytes declared as 100", actual)
            .isInstanceOf(IntegrityException.class);
        assertThat(store.stat("lying")).isEmpty();
      }
    }
  }

  private static Content lyingContent(int declared, int actual) {
    return new Content() {
      @Override
      public long length() {
        return declared;
      }

      @Override
      public java.io.InputStream open() {
        return new java.io.ByteArrayInputStream(new byte[actual]);
      }
    };
  }

  @Test
  void saysBrieflyThatNoCredentialsWereFound() {
    Map<String, String> noKeys = new java.util.HashMap<>(server.options());
    noKeys.remove("s3.access-key-id");
    noKeys.remove("s3.secret-access-key");
    noKeys.put("s3.profile", "stowage-no-such-profile");
    S3StorageProvider provider = new S3StorageProvider();
    try (ObjectStore store =
        provider.open(
            dev.stowage.api.StorageLocation.parse("s3://" + S3ProxyFixture.BUCKET + "/"),
            dev.stowage.api.ProviderConfig.of(noKeys))) {
      assertThatThrownBy(() -> store.stat("k"))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("no AWS credentials were found")
          .hasMessageNotContaining("InstanceProfileCredentialsProvider");
    }
  }

  /**
   * S3Proxy refuses a key that starts with '/' (it folds the request's doubled slash before it
   * checks the signature): the failure says so and what to set, and with that set the key is
   * refused before any request.
   */
  @Test
  void saysWhatToSetWhereTheServerRefusesAKeyThatStartsWithASlash() {
    try (ObjectStore store = server.open("s3://" + S3ProxyFixture.BUCKET + "/", Map.of())) {
      assertThatThrownBy(
              () -> store.put("/0000/x.ltx", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("(key '/0000/x.ltx')")
          .hasMessageContaining("Set s3.leading-slash-keys=false");
    }
    try (ObjectStore store =
        server.open(
            "s3://" + S3ProxyFixture.BUCKET + "/", Map.of("s3.leading-slash-keys", "false"))) {
      assertThatThrownBy(
              () -> store.put("/0000/x.ltx", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS))
          .isInstanceOf(InvalidKeyException.class)
          .hasMessageContaining("starts with '/'");
    }
  }

  @Test
  void namesAMissingBucket() {
    try (ObjectStore store = server.open("s3://no-such-bucket/prefix/", Map.of())) {
      assertThatThrownBy(() -> store.put("k", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("the bucket 'no-such-bucket' does not exist");
    }
  }

  @Test
  void reportsAnEndpointNobodyListensOnAsTransient() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    Map<String, String> options =
        Map.of("s3.endpoint", "http://127.0.0.1:" + closedPort, "s3.attempt-timeout", "5s");
    try (ObjectStore store = server.open("s3://" + S3ProxyFixture.BUCKET + "/", options)) {
      assertThatThrownBy(() -> store.stat("k"))
          .isInstanceOf(TransientStorageException.class)
          .hasMessageContaining("cannot connect to the endpoint");
    }
  }

  @Test
  void keepsKeysUnderTheLocationsPrefix() throws IOException {
    try (ObjectStore nested =
            server.open("s3://" + S3ProxyFixture.BUCKET + "/nested/dir", Map.of());
        ObjectStore root = server.openStore()) {
      nested.put("file.txt", Content.ofBytes(new byte[] {42}), WriteOptions.DEFAULTS);
      assertThat(root.stat("nested/dir/file.txt")).isPresent();
      assertThat(nested.list(dev.stowage.api.ListRequest.of("")).objects())
          .extracting(dev.stowage.api.ObjectInfo::key)
          .containsExactly("file.txt");
      assertThat(nested.capabilities().maxKeyBytes()).isEqualTo(1_024 - "nested/dir/".length());
      try (InputStream in = nested.get("file.txt", ByteRange.ALL)) {
        assertThat(in.readAllBytes()).containsExactly(42);
      }
      root.delete("nested/dir/file.txt");
    }
  }

  @Test
  void refusesAKeyOverTheLimitBeforeAnyRequest() {
    try (ObjectStore store =
        server.open(
            "s3://" + S3ProxyFixture.BUCKET + "/", Map.of("s3.endpoint", "http://127.0.0.1:9"))) {
      assertThatThrownBy(() -> store.stat("k".repeat(1_025)))
          .isInstanceOf(InvalidKeyException.class)
          .hasMessageContaining("1025 bytes");
    }
  }

  @Test
  void roundTripsMetadataThatIsNotAscii() {
    try (ObjectStore store = server.openStore()) {
      Map<String, String> metadata =
          Map.of("city", "Zürich", "note", " spaced ", "look-alike", "=?UTF-8?B?eA==?=");
      store.put(
          "meta",
          Content.ofBytes(new byte[1]),
          WriteOptions.builder().userMetadata(metadata).build());
      assertThat(store.stat("meta").orElseThrow().userMetadata()).isEqualTo(metadata);
      store.delete("meta");
    }
  }

  @Test
  void rejectsBadOptionsBeforeAnyIo() {
    assertThatThrownBy(
            () -> server.open("s3://" + S3ProxyFixture.BUCKET + "/", Map.of("s3.regoin", "x")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown option s3.regoin");
    assertThatThrownBy(
            () ->
                server.open(
                    "s3://" + S3ProxyFixture.BUCKET + "/",
                    Map.of("s3.allow-insecure-http", "false")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("plain HTTP");
    assertThatThrownBy(() -> server.open("s3://Bad_Bucket/", Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("not a valid bucket name");
    assertThatThrownBy(() -> server.open("s3://b-ok/", Map.of("s3.sse", "rot13")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("aes256, aws:kms, kms, none, sse-kms or sse-s3");
    assertThatThrownBy(() -> server.open("s3://b-ok/", Map.of("s3.sse-c-key", "c2hvcnQ=")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("256-bit")
        .hasMessageNotContaining("c2hvcnQ=");
    assertThatThrownBy(
            () -> server.open("s3://b-ok/", Map.of("s3.checksum-calculation", "sometimes")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("when_required or when_supported");
    assertThatThrownBy(
            () ->
                S3Settings.parse(
                    StorageLocation.parse("s3://b-ok/"),
                    ProviderConfig.of(Map.of("s3.session-token", "CANARY-SESSION-TOKEN"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("s3.session-token needs s3.access-key-id and s3.secret-access-key")
        .hasMessageNotContaining("CANARY");
  }

  @Test
  void masksCredentialsInTextAndRefusesThemInALocation() {
    try (ObjectStore store =
        server.open(
            "s3://" + S3ProxyFixture.BUCKET + "/",
            Map.of("s3.secret-access-key", S3ProxyFixture.SECRET_KEY))) {
      String text = store.toString() + store.location();
      assertThat(text)
          .doesNotContain(S3ProxyFixture.SECRET_KEY)
          .doesNotContain(S3ProxyFixture.ACCESS_KEY)
          .contains("AKIA****0001");
    }
    assertThatThrownBy(
            () ->
                server.open(
                    "s3://"
                        + S3ProxyFixture.BUCKET
                        + "/?secret-access-key="
                        + S3ProxyFixture.SECRET_KEY,
                    Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("carries the secret 'secret-access-key'")
        .hasMessageNotContaining(S3ProxyFixture.SECRET_KEY);
  }

  @Test
  void marksOnlyFailuresARetryCanCureAsRetryable() {
    try (ObjectStore store = server.open("s3://no-such-bucket/", Map.of())) {
      StorageException e =
          org.junit.jupiter.api.Assertions.assertThrows(
              StorageException.class,
              () -> store.put("k", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS));
      assertThat(e.isRetryable()).isFalse();
      assertThat(e.context().errorCode()).contains("NoSuchBucket");
    }
  }
}
