package dev.stowage.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The LTX header, file names, layouts, Go time form and the decoder, on hand-made vectors. */
class LtxFormatTest {
  private static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_000L);

  private static byte[] page(int size, int seed) {
    byte[] page = new byte[size];
    new Random(seed).nextBytes(page);
    Arrays.fill(page, 0, size / 2, (byte) seed);
    return page;
  }

  private static Map<Long, byte[]> decode(byte[] file) throws IOException {
    Map<Long, byte[]> pages = new LinkedHashMap<>();
    LtxDecoder.decode(
        new ByteArrayInputStream(file), (pgno, page) -> pages.put(pgno, page.clone()));
    return pages;
  }

  @Test
  void layoutsNameFilesAsLitestreamDoes() {
    assertThat(ReplicaLayout.OBJECT_STORE.key(9, 1, 255))
        .isEqualTo("0009/0000000000000001-00000000000000ff.ltx");
    assertThat(ReplicaLayout.OBJECT_STORE.key(15, 0x10, 0xabc))
        .isEqualTo("000f/0000000000000010-0000000000000abc.ltx");
    assertThat(ReplicaLayout.DIRECTORY.key(9, 1, 255))
        .isEqualTo("ltx/9/0000000000000001-00000000000000ff.ltx");
    assertThat(ReplicaLayout.DIRECTORY.key(12, 2, 2))
        .isEqualTo("ltx/12/0000000000000002-0000000000000002.ltx");
    assertThat(ReplicaLayout.forScheme("s3")).isEqualTo(ReplicaLayout.OBJECT_STORE);
    assertThat(ReplicaLayout.forScheme("oss")).isEqualTo(ReplicaLayout.OBJECT_STORE);
    assertThat(ReplicaLayout.forScheme("mystore")).isEqualTo(ReplicaLayout.OBJECT_STORE);
    assertThat(ReplicaLayout.forScheme("file")).isEqualTo(ReplicaLayout.DIRECTORY);
    assertThat(ReplicaLayout.OBJECT_STORE.level("000a")).contains(10);
    assertThat(ReplicaLayout.OBJECT_STORE.level("000A")).isEmpty();
    assertThat(ReplicaLayout.DIRECTORY.level("09")).isEmpty();
    assertThatThrownBy(() -> ReplicaLayout.OBJECT_STORE.key(0, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ReplicaLayout.OBJECT_STORE.key(0, 5, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "0000000000000001-00000000000000ff.ltx, true",
    "0000000000000001-00000000000000FF.ltx, false",
    "0000000000000001-00000000000000ff.ltx.tmp, false",
    "000000000000001-00000000000000ff.ltx, false",
    "0000000000000000-0000000000000001.ltx, false",
    "0000000000000005-0000000000000004.ltx, false",
    "8000000000000000-8000000000000001.ltx, false"
  })
  void parsesOnlyLtxFileNames(String name, boolean valid) {
    assertThat(LtxFile.parseName(name).isPresent()).isEqualTo(valid);
  }

  @ParameterizedTest
  @CsvSource({
    "1700000000000, 2023-11-14T22:13:20Z",
    "1700000000100, 2023-11-14T22:13:20.1Z",
    "1700000000120, 2023-11-14T22:13:20.12Z",
    "1700000000123, 2023-11-14T22:13:20.123Z"
  })
  void formatsTimesInGosRfc3339Nano(long millis, String text) {
    assertThat(GoTime.format(Instant.ofEpochMilli(millis))).isEqualTo(text);
    assertThat(GoTime.parse(text)).contains(Instant.ofEpochMilli(millis));
    assertThat(GoTime.format(Instant.ofEpochSecond(0, 1)))
        .isEqualTo("1970-01-01T00:00:00.000000001Z");
    assertThat(GoTime.parse("2023-11-15T06:13:20.1+08:00"))
        .contains(Instant.ofEpochMilli(1_700_000_000_100L));
    assertThat(GoTime.parse("yesterday")).isEmpty();
  }

  @Test
  void decodesBlockAndLegacyFramePagesToTheSameBytes() throws IOException {
    for (boolean legacy : new boolean[] {false, true}) {
      LtxBuilder builder = new LtxBuilder(4096, 1, 3, T0).commit(3).trackChecksum();
      if (legacy) {
        builder.legacy();
      }
      for (int pgno = 1; pgno <= 3; pgno++) {
        builder.page(pgno, page(4096, pgno));
      }

      Map<Long, byte[]> pages = decode(builder.build());

      assertThat(pages.keySet()).as("legacy=%s", legacy).containsExactly(1L, 2L, 3L);
      assertThat(pages.get(2L)).isEqualTo(page(4096, 2));
    }
  }

  @Test
  void refusesBadHeaders() {
    byte[] good = new LtxBuilder(512, 2, 3, T0).commit(1).page(1, page(512, 1)).build();
    Map<String, Integer> fieldOffsets =
        Map.of(
            "magic",
            0,
            "flags",
            4,
            "page size",
            8,
            "min",
            16,
            "max",
            24,
            "WAL salt",
            64,
            "WAL size",
            56);
    for (Map.Entry<String, Integer> field : fieldOffsets.entrySet()) {
      byte[] bad = good.clone();
      ByteBuffer buffer = ByteBuffer.wrap(bad);
      switch (field.getKey()) {
        case "magic" -> bad[0] = 'X';
        case "flags" -> buffer.putInt(4, 0x4);
        case "page size" -> buffer.putInt(8, 1000);
        case "min" -> buffer.putLong(16, 0);
        case "WAL salt" -> buffer.putInt(68, 7); // a salt without a WAL offset
        case "WAL size" -> buffer.putLong(56, 4096); // a WAL size without a WAL offset
        default -> buffer.putLong(24, 1);
      }
      assertThatThrownBy(() -> decode(bad))
          .as(field.getKey())
          .isInstanceOf(CorruptLtxException.class)
          .hasMessageContaining("bad header");
    }
  }

  @Test
  void adviceOnACorruptFileNeverPromisesThatLitestreamWritesItAgain() {
    String snapshot = LtxFileRead.advice(new LtxFile(LtxFile.SNAPSHOT_LEVEL, 1, 40, 1, T0));
    String level0 = LtxFileRead.advice(new LtxFile(0, 41, 42, 1, T0));
    assertThat(snapshot)
        .contains("does not write it again")
        .contains("snapshot before it")
        .doesNotContain("--txid");
    assertThat(level0)
        .contains("does not write it again")
        .contains("before 41 with --txid")
        .contains("higher level that holds transactions 41-42");
  }

  @Test
  void refusesTruncatedOrAlteredFiles() {
    byte[] good =
        new LtxBuilder(1024, 1, 1, T0)
            .commit(2)
            .page(1, page(1024, 1))
            .page(2, page(1024, 2))
            .build();

    for (int cut : new int[] {50, 100, 103, 200, good.length - 30, good.length - 1}) {
      assertThatThrownBy(() -> decode(Arrays.copyOf(good, cut)))
          .as("cut at %d", cut)
          .isInstanceOf(CorruptLtxException.class);
    }
    for (int at = LtxHeader.SIZE; at < good.length; at += 37) {
      byte[] flipped = good.clone();
      flipped[at] ^= 0x10;
      assertThatThrownBy(() -> decode(flipped))
          .as("flip at %d", at)
          .isInstanceOf(CorruptLtxException.class);
    }
  }

  @Test
  void checksASnapshotsPagesAndDatabaseChecksum() {
    byte[] skipping =
        new LtxBuilder(1024, 1, 1, T0)
            .commit(3)
            .page(1, page(1024, 1))
            .page(3, page(1024, 3))
            .build();
    assertThatThrownBy(() -> decode(skipping)).hasMessageContaining("skips from page 1 to page 3");

    byte[] shortSnapshot = new LtxBuilder(1024, 1, 1, T0).commit(3).page(1, page(1024, 1)).build();
    assertThatThrownBy(() -> decode(shortSnapshot))
        .hasMessageContaining("ends at page 1 but the database has 3");

    byte[] tracked =
        new LtxBuilder(1024, 1, 1, T0).commit(1).trackChecksum().page(1, page(1024, 1)).build();
    ByteBuffer.wrap(tracked).putLong(tracked.length - 16, LtxChecksums.FLAG | 42);
    assertThatThrownBy(() -> decode(tracked)).isInstanceOf(CorruptLtxException.class);
  }
}
