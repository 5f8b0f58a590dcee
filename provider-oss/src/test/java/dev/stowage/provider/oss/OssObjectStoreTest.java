package dev.stowage.provider.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.ListRequest;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.ThrottledException;
import dev.stowage.api.TransientStorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the provider does beyond the contract: credentials, error mapping, retries, integrity. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OssObjectStoreTest {
  private final OssServerFixture fixture = new OssServerFixture("v4");

  @AfterAll
  void stop() {
    fixture.close();
  }

  @BeforeEach
  void disarm() {
    fixture.server().faults().clear();
  }

  private static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  @Test
  void takesCredentialsFromTheEnvironmentAndSaysSoWhenThereAreNone() throws IOException {
    StorageLocation location = StorageLocation.parse("oss://" + OssServerFixture.BUCKET + "/env");
    ProviderConfig config =
        ProviderConfig.of(
                Map.of(
                    "oss.endpoint",
                    fixture.server().endpoint().toString(),
                    "oss.allow-insecure-http",
                    "true"))
            .withLocationParameters(location);

    assertThatThrownBy(() -> new OssStorageProvider(Map.of()).open(location, config))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("OSS_ACCESS_KEY_ID")
        .hasMessageContaining("oss.access-key-id");

    Map<String, String> environment =
        Map.of(
            "OSS_ACCESS_KEY_ID", OssServerFixture.ACCESS_KEY_ID,
            "OSS_ACCESS_KEY_SECRET", OssServerFixture.SECRET);
    try (ObjectStore store = new OssStorageProvider(environment).open(location, config)) {
      store.put("k", Content.ofBytes(new byte[] {7}), WriteOptions.DEFAULTS);
      try (InputStream in = store.get("k", ByteRange.ALL)) {
        assertThat(in.readAllBytes()).containsExactly(7);
      }
    }
  }

  @Test
  void mapsRefusalsToClearTypedErrorsWithoutSecrets() {
    try (ObjectStore wrong =
        fixture.open(
            "oss://" + OssServerFixture.BUCKET + "/", Map.of("oss.access-key-secret", "nope"))) {
      assertThatThrownBy(() -> wrong.stat("k"))
          .isInstanceOf(PermissionDeniedException.class)
          .hasMessageContaining("SignatureDoesNotMatch")
          .satisfies(
              e -> {
                assertThat(e.getMessage()).doesNotContain(OssServerFixture.ACCESS_KEY_ID);
                assertThat(String.valueOf(e.getCause()))
                    .doesNotContain(OssServerFixture.ACCESS_KEY_ID, "StringToSign");
              });
    }
    try (ObjectStore missing = fixture.open("oss://no-such-bucket/", Map.of())) {
      assertThatThrownBy(
              () -> missing.put("k", Content.ofBytes(new byte[1]), WriteOptions.DEFAULTS))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("'no-such-bucket' does not exist");
    }
    try (ObjectStore store = fixture.openStore()) {
      String tooLong = "k".repeat(1_024);
      assertThatThrownBy(() -> store.stat(tooLong)).isInstanceOf(InvalidKeyException.class);
      assertThat(fixture.server().faults().firedTotal()).isZero();
    }
  }

  @Test
  void classifiesServerFailuresForTheEngine() {
    try (ObjectStore store =
        fixture.open(
            "oss://" + OssServerFixture.BUCKET + "/", Map.of("oss.max-error-retry", "0"))) {
      fixture
          .server()
          .faults()
          .inject(Fault.error(503, "ServiceUnavailable").on(OssOperation.HEAD_OBJECT));
      assertThatThrownBy(() -> store.stat("k")).isInstanceOf(TransientStorageException.class);
      fixture.server().faults().inject(Fault.error(429, "Throttling").on(OssOperation.HEAD_OBJECT));
      assertThatThrownBy(() -> store.stat("k")).isInstanceOf(ThrottledException.class);
      fixture
          .server()
          .faults()
          .inject(Fault.error(504, "GatewayTimeout").on(OssOperation.HEAD_OBJECT));
      assertThatThrownBy(() -> store.stat("k")).isInstanceOf(TransientStorageException.class);
    }
  }

  @Test
  void takesItsClockFromTheServerWhenTheServerSaysItIsSkewed() throws Exception {
    try (OssServer ahead =
            OssServer.builder()
                .credentials(OssServerFixture.ACCESS_KEY_ID, OssServerFixture.SECRET)
                .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(20)))
                .build()
                .start();
        ObjectStore store =
            fixture.open(
                "oss://" + OssServerFixture.BUCKET + "/skew/",
                Map.of("oss.endpoint", ahead.endpoint().toString(), "oss.max-error-retry", "0"))) {
      ahead.createBucket(OssServerFixture.BUCKET);
      ExecutorService writers = Executors.newFixedThreadPool(8);
      try {
        List<Future<ObjectInfo>> puts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          String key = "k" + i;
          // all eight are signed before any answer corrects the clock
          puts.add(
              writers.submit(
                  () -> store.put(key, Content.ofBytes(bytes(1_000)), WriteOptions.DEFAULTS)));
        }
        for (Future<ObjectInfo> put : puts) {
          assertThat(put.get(30, TimeUnit.SECONDS).etag()).as("the store's answer").isPresent();
        }
      } finally {
        writers.shutdownNow();
      }
      assertThat(store.list(ListRequest.of("")).objects()).hasSize(8);
      try (InputStream in = store.get("k3", ByteRange.ALL)) {
        assertThat(in.readAllBytes()).isEqualTo(bytes(1_000));
      }
    }
  }

  @Test
  void namesTheClockWhenTheServerRefusesItsTimeWithoutGivingItsOwn() {
    try (ObjectStore store =
        fixture.open(
            "oss://" + OssServerFixture.BUCKET + "/", Map.of("oss.max-error-retry", "0"))) {
      fixture
          .server()
          .faults()
          .inject(Fault.error(403, "RequestTimeTooSkewed").on(OssOperation.HEAD_OBJECT));
      assertThatThrownBy(() -> store.stat("k"))
          .isInstanceOf(PermanentStorageException.class)
          .hasMessageContaining("clock")
          .hasMessageContaining("NTP");
      assertThat(fixture.server().faults().firedTotal()).as("requests refused").isEqualTo(1);
    }
  }

  @Test
  void replaysBodiesWhenTheSdkRetries() throws IOException {
    byte[] content = bytes(300_000);
    try (ObjectStore store = fixture.openStore()) {
      fixture
          .server()
          .faults()
          .inject(Fault.error(503, "ServiceUnavailable").on(OssOperation.PUT_OBJECT).times(2));
      store.put("retried", Content.ofBytes(content), WriteOptions.DEFAULTS);
      assertThat(fixture.server().faults().fired(OssOperation.PUT_OBJECT)).isEqualTo(2);

      fixture.server().faults().inject(Fault.resetBeforeResponse().on(OssOperation.UPLOAD_PART));
      MultipartUpload upload = store.initiateMultipart("retried-parts", WriteOptions.DEFAULTS);
      var part = store.uploadPart(upload, 1, Content.ofBytes(content));
      store.completeMultipart(upload, List.of(part));
      assertThat(fixture.server().faults().fired(OssOperation.UPLOAD_PART)).isEqualTo(1);

      for (String key : List.of("retried", "retried-parts")) {
        try (InputStream in = store.get(key, ByteRange.ALL)) {
          assertThat(in.readAllBytes()).as(key).isEqualTo(content);
        }
      }
    }
  }

  @Test
  void failsReadsThatAreCutShortOrCorrupted() throws IOException {
    byte[] content = bytes(50_000);
    try (ObjectStore store = fixture.openStore()) {
      store.put("fragile", Content.ofBytes(content), WriteOptions.DEFAULTS);

      fixture
          .server()
          .faults()
          .inject(Fault.truncateResponseBody(1_000).on(OssOperation.GET_OBJECT));
      assertThatThrownBy(
              () -> {
                try (InputStream in = store.get("fragile", ByteRange.ALL)) {
                  in.readAllBytes();
                }
              })
          .isInstanceOf(IOException.class);

      fixture
          .server()
          .faults()
          .inject(Fault.corruptResponseBody(49_999).on(OssOperation.GET_OBJECT));
      assertThatThrownBy(
              () -> {
                try (InputStream in = store.get("fragile", ByteRange.ALL)) {
                  in.readAllBytes();
                }
              })
          .isInstanceOf(IOException.class)
          .hasCauseInstanceOf(IntegrityException.class)
          .hasMessageContaining("CRC-64");
      assertThat(fixture.server().faults().fired(OssOperation.GET_OBJECT)).isEqualTo(2);
    }
  }

  @Test
  void reportsTheStoredCrc64() {
    try (ObjectStore store = fixture.openStore()) {
      var written =
          store.put(
              "crc",
              Content.ofBytes("123456789".getBytes(java.nio.charset.StandardCharsets.US_ASCII)),
              WriteOptions.DEFAULTS);
      // CRC-64/XZ of "123456789" is 0x995dc9bbdf1939fa
      assertThat(written.checksums())
          .containsEntry(dev.stowage.api.ChecksumAlgorithm.CRC64ECMA, "995dc9bbdf1939fa");
      assertThat(store.stat("crc").orElseThrow().checksums())
          .containsEntry(dev.stowage.api.ChecksumAlgorithm.CRC64ECMA, "995dc9bbdf1939fa");
    }
  }
}
