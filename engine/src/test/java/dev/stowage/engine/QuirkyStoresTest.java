package dev.stowage.engine;

import static dev.stowage.engine.Stores.bytes;
import static dev.stowage.engine.Stores.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.testing.S3ProxyServer;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Uploads to S3-compatible servers that differ from AWS (see {@link ServerQuirk}), each made real
 * by a {@link FaultProxy} in front of S3Proxy: whatever the server does, the engine never reports a
 * wrong object as written, and each result says how it was verified.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QuirkyStoresTest {
  private static final int PART = 5 * 1024 * 1024;

  /** A multipart upload of 100 MiB and a few bytes: 21 parts, the last one short. */
  private static final int LARGE = 100 * 1024 * 1024 + 17;

  private static final String BUCKET = "quirky";

  private S3ProxyServer server;
  private FaultProxy proxy;
  private ObjectStore direct;
  private TransferEngine engine;

  @BeforeAll
  void start() throws IOException {
    server = S3ProxyServer.withoutAuthentication();
    server.createBucket(BUCKET);
    proxy = FaultProxy.start(server.port());
    direct = Providers.load().open(StorageLocation.parse("s3://" + BUCKET + "/"), server.options());
    engine = TransferEngine.builder().partSize(PART).concurrency(4).build();
  }

  @AfterEach
  void clearQuirks() {
    proxy.clear();
  }

  @AfterAll
  void stop() {
    engine.close();
    direct.close();
    proxy.close();
    server.close();
  }

  static Stream<Arguments> quirksAndSizes() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (ServerQuirk quirk : ServerQuirk.values()) {
      for (int size : new int[] {0, 1024, LARGE}) {
        cases.add(Arguments.of(quirk, size));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0}, {1} bytes")
  @MethodSource("quirksAndSizes")
  void neverReportsAWrongObjectAsWritten(ServerQuirk quirk, int size) throws IOException {
    proxy.quirks(quirk);
    byte[] content = bytes(size);
    String key = quirk + "/" + size;
    try (ObjectStore store = open(Map.of())) {
      TransferResult result;
      try {
        result = engine.upload(Content.ofBytes(content), store, key, WriteOptions.DEFAULTS);
      } catch (IntegrityException e) {
        assertThat(quirk)
            .as("refused: " + e.getMessage())
            .isEqualTo(ServerQuirk.STORES_CHUNKED_FRAMING);
        assertThat(store.stat(key)).as("the refused object is gone").isEmpty();
        return;
      }
      assertThat(read(direct, key)).as("what the server holds").isEqualTo(content);
      assertThat(result.object().size()).isEqualTo(size);
      assertThat(result.verifiedBy()).isNotNull();
    } finally {
      direct.delete(key); // S3Proxy keeps objects in memory
    }
  }

  @Test
  void refusesTheFramedCopyOfALargeMultipartUploadAndKeepsNothing() {
    proxy.quirks(ServerQuirk.STORES_CHUNKED_FRAMING);
    byte[] content = bytes(100 * 1024 * 1024);
    try (ObjectStore store = open(Map.of())) {
      assertThatThrownBy(
              () -> engine.upload(Content.ofBytes(content), store, "large", WriteOptions.DEFAULTS))
          .isInstanceOf(IntegrityException.class)
          // each part carries the CRC-32C of its bytes up front, so the server refuses the framed
          // bytes (BadDigest) before it keeps a part: the upload never completes
          .hasMessageContaining("upload part failed")
          .hasMessageContaining("the server received other bytes than were sent");
      assertThat(store.stat("large")).isEmpty();
      assertThat(direct.listMultipartUploads("large")).as("uploads left").isEmpty();
    }
  }

  @Test
  void withoutChunkedEncodingAFramingServerStoresTheBytesExactly() throws IOException {
    proxy.quirks(ServerQuirk.STORES_CHUNKED_FRAMING);
    try (ObjectStore store = open(Map.of("s3.chunked-encoding", "false"))) {
      for (int size : new int[] {0, 1024, LARGE}) {
        byte[] content = bytes(size);
        String key = "unframed/" + size;
        TransferResult result =
            engine.upload(Content.ofBytes(content), store, key, WriteOptions.DEFAULTS);
        assertThat(read(direct, key)).as(size + " bytes").isEqualTo(content);
        assertThat(result.verifiedBy().toString()).isNotEmpty();
      }
    }
  }

  @Test
  void aStoreWithoutChecksumsHasASingleWriteVerifiedByItsMd5EtagAndAMultipartOneByAStat() {
    proxy.quirks(ServerQuirk.NO_CHECKSUMS);
    try (ObjectStore store = open(Map.of())) {
      TransferResult single =
          engine.upload(Content.ofBytes(bytes(1024)), store, "md5/single", WriteOptions.DEFAULTS);
      TransferResult parts =
          engine.upload(
              Content.ofBytes(bytes(2 * PART + 17)), store, "md5/parts", WriteOptions.DEFAULTS);

      assertThat(single.verifiedBy()).hasToString("md5-etag");
      assertThat(parts.parts()).isEqualTo(3);
      assertThat(parts.verifiedBy()).isEqualTo(VerifiedBy.sizeOnly());
    }
  }

  @Test
  void aStoreThatAnswersWithoutChecksumsIsVerifiedByAStatAndSaysSo() {
    proxy.quirks(ServerQuirk.NO_CHECKSUMS, ServerQuirk.OPAQUE_ETAG);
    try (ObjectStore store = open(Map.of())) {
      TransferResult result =
          engine.upload(Content.ofBytes(bytes(1024)), store, "plain", WriteOptions.DEFAULTS);
      assertThat(result.verifiedBy()).isEqualTo(VerifiedBy.sizeOnly());
      assertThat(result.verifiedBy()).hasToString("size only");
    }
  }

  @Test
  void readsBackWhatNoChecksumCanVerifyWhenAsked() {
    proxy.quirks(ServerQuirk.NO_CHECKSUMS, ServerQuirk.OPAQUE_ETAG);
    try (TransferEngine reading =
            TransferEngine.builder().partSize(PART).verifyByReadingBack(true).build();
        ObjectStore store = open(Map.of())) {
      TransferResult result =
          reading.upload(Content.ofBytes(bytes(1024)), store, "read-back", WriteOptions.DEFAULTS);
      assertThat(result.verifiedBy().method()).isEqualTo(VerifiedBy.Method.READ_BACK);
      assertThat(result.verifiedBy()).hasToString("crc32c (read back)");
    }
  }

  private ObjectStore open(Map<String, String> overrides) {
    Map<String, String> options = new HashMap<>(server.options());
    options.put("s3.endpoint", proxy.endpoint().toString());
    options.putAll(overrides);
    return Providers.load().open(StorageLocation.parse("s3://" + BUCKET + "/"), options);
  }
}
