package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capability;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.oss.server.OssServer;
import dev.stowage.testing.S3ProxyServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Damaged bytes never replace a good version on a store that checks an expected checksum: the
 * engine hands the store the checksum of the source as it read it first, and the store (S3 with
 * {@code x-amz-checksum-crc32c} up front, OSS with {@code Content-MD5}, the filesystem store with
 * CRC-32C before its rename) refuses bytes that differ from it, so the object under the key stays
 * the old one.
 */
class ExpectedChecksumTest {
  @TempDir static Path temp;

  private static OssServer server;
  private static S3ProxyServer s3Server;
  private static ObjectStore oss;
  private static ObjectStore s3;
  private static ObjectStore filesystem;
  private static TransferEngine engine;

  @BeforeAll
  static void open() throws IOException {
    server = OssServer.builder().build().start();
    oss = Stores.oss(server, "engine", "expected");
    s3Server = new S3ProxyServer();
    s3 = s3Server.open("expected", "");
    filesystem = Stores.filesystem(temp.resolve("fs"));
    engine =
        TransferEngine.builder()
            .retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)))
            .build();
  }

  @AfterAll
  static void close() {
    engine.close();
    filesystem.close();
    oss.close();
    server.close();
    s3.close();
    s3Server.close();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss", "file"})
  void bytesThatDifferFromWhatWasFirstReadNeverReplaceTheOldObject(String provider)
      throws IOException {
    ObjectStore store =
        switch (provider) {
          case "s3" -> s3;
          case "oss" -> oss;
          default -> filesystem;
        };
    assertThat(store.capabilities().supports(Capability.VERIFIES_EXPECTED_CHECKSUMS)).isTrue();
    byte[] original = Stores.bytes(3_000);
    byte[] firstRead = Stores.bytes(2_000);
    byte[] sent = firstRead.clone();
    sent[1_234] ^= 0x01;
    String key = "kept-" + provider + ".bin";
    engine.upload(Content.ofBytes(original), store, key, WriteOptions.DEFAULTS);

    assertThatThrownBy(
            () ->
                engine.upload(
                    differentAfterTheFirstRead(firstRead, sent), store, key, WriteOptions.DEFAULTS))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("(key '" + key + "')");

    try (InputStream in = store.get(key, ByteRange.ALL)) {
      assertThat(in.readAllBytes()).as("the old object, whole").isEqualTo(original);
    }
  }

  /**
   * A part damaged on its way into the store (byte 777 flipped, on every attempt) is never kept and
   * the object under the key stays the old one: a store that does not answer parts with their
   * checksum refuses the part itself, against the CRC-32C the engine computed from it before
   * sending; one that does ({@link Capability#REPORTS_PART_CHECKSUMS}) is sent the part bare, and
   * the engine refuses the answer, which differs from what it summed while sending.
   */
  @ParameterizedTest(name = "answers parts with their checksum: {0}")
  @ValueSource(booleans = {false, true})
  void aPartDamagedOnItsWayIsNeverKeptAndTheOldObjectStays(boolean answersWithChecksum)
      throws IOException {
    int part = 64 * 1024;
    try (FaultyStore store =
            new FaultyStore(Stores.filesystem(temp.resolve("parts-" + answersWithChecksum)));
        TransferEngine small =
            TransferEngine.builder()
                .partSize(part)
                .concurrency(1)
                .retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)))
                .build()) {
      if (!answersWithChecksum) {
        store.without(Capability.REPORTS_PART_CHECKSUMS);
      }
      assertThat(store.capabilities().supports(Capability.VERIFIES_EXPECTED_PART_CHECKSUMS))
          .isTrue();
      assertThat(store.capabilities().supports(Capability.REPORTS_PART_CHECKSUMS))
          .isEqualTo(answersWithChecksum);
      byte[] original = Stores.bytes(3_000);
      small.upload(Content.ofBytes(original), store, "kept-parts.bin", WriteOptions.DEFAULTS);
      store.inject(FaultyStore.Kind.FLIP_BYTE_ON_WRITE, "kept-parts", 100, 1);

      assertThatThrownBy(
              () ->
                  small.upload(
                      Content.ofBytes(Stores.bytes(3 * part)),
                      store,
                      "kept-parts.bin",
                      WriteOptions.DEFAULTS))
          .isInstanceOf(IntegrityException.class)
          .hasMessageContaining(
              answersWithChecksum ? "the store records CRC-32C" : "where the write expects");

      store.clear();
      try (InputStream in = store.get("kept-parts.bin", ByteRange.ALL)) {
        assertThat(in.readAllBytes()).as("the old object, whole").isEqualTo(original);
      }
      assertThat(store.listMultipartUploads("")).as("uploads left").isEmpty();
    }
  }

  /** Content whose first reading gives some bytes and every later one others of the same length. */
  private static Content differentAfterTheFirstRead(byte[] first, byte[] later) {
    AtomicInteger opened = new AtomicInteger();
    return new Content() {
      @Override
      public long length() {
        return first.length;
      }

      @Override
      public InputStream open() throws IOException {
        return new ByteArrayInputStream(opened.getAndIncrement() == 0 ? first : later);
      }

      @Override
      public String toString() {
        return "bytes that change after their first reading";
      }
    };
  }
}
