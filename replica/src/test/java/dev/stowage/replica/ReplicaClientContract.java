package dev.stowage.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.RetryPolicy;
import dev.stowage.engine.TransferEngine;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Litestream's replica-client cases, its layout, and restores of a real SQLite database, run
 * against each provider by a subclass that opens a fresh store per test.
 */
abstract class ReplicaClientContract {
  static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);
  static final RetryPolicy QUICK_RESUME =
      new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

  @TempDir Path temp;

  TransferEngine engine;
  ObjectStore store;
  ReplicaClient client;

  /** Opens an empty store at a path of its own. */
  abstract ObjectStore openStore(String path) throws Exception;

  /** The layout Litestream uses for this provider's scheme. */
  abstract ReplicaLayout expectedLayout();

  @BeforeEach
  void open() throws Exception {
    engine = TransferEngine.builder().statConcurrency(50).retry(QUICK_RESUME).build();
    store = openStore("db-" + Long.toHexString(new Random().nextLong() & Long.MAX_VALUE));
    client = ReplicaClient.builder(store, engine).build();
  }

  @AfterEach
  void close() {
    store.close();
    engine.close();
  }

  static byte[] ltx(long min, long max, Instant timestamp) {
    byte[] page = new byte[512];
    Arrays.fill(page, (byte) min);
    return new LtxBuilder(512, min, max, timestamp).commit(1).page(1, page).build();
  }

  LtxFile write(int level, long min, long max, Instant timestamp) {
    return client.write(level, min, max, new ByteArrayInputStream(ltx(min, max, timestamp)));
  }

  static List<Long> mins(List<LtxFile> files) {
    return files.stream().map(LtxFile::minTxid).toList();
  }

  @Test
  void choosesLitestreamsLayoutForTheStore() {
    assertThat(client.layout()).isEqualTo(expectedLayout());
  }

  @Test
  void listsFilesWrittenOutOfOrderInTransactionOrder() {
    write(0, 5, 6, T0);
    write(0, 1, 2, T0);
    write(0, 3, 4, T0);
    write(1, 1, 6, T0);

    assertThat(mins(client.files(0, 0, TimestampMode.LISTED))).containsExactly(1L, 3L, 5L);
    assertThat(client.files(1, 0, TimestampMode.LISTED))
        .singleElement()
        .satisfies(file -> assertThat(file.maxTxid()).isEqualTo(6));
    assertThat(client.levels()).containsExactly(0, 1);
  }

  @Test
  void anEmptyReplicaHasNoLevelsAndEmptyLevels() {
    assertThat(client.levels()).isEmpty();
    assertThat(client.files(0, 0, TimestampMode.EXACT)).isEmpty();
    assertThat(client.files(LtxFile.SNAPSHOT_LEVEL, 0, TimestampMode.LISTED)).isEmpty();
  }

  @Test
  void writesAndReadsBackWholeAndInRanges() throws IOException {
    byte[] bytes = ltx(7, 9, T0);
    LtxFile written = client.write(0, 7, 9, new ByteArrayInputStream(bytes));

    assertThat(written).isEqualTo(new LtxFile(0, 7, 9, bytes.length, T0));
    try (InputStream in = client.open(0, 7, 9, 0, 0)) {
      assertThat(in.readAllBytes()).isEqualTo(bytes);
    }
    try (InputStream in = client.open(0, 7, 9, 10, 20)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 10, 30));
    }
    try (InputStream in = client.open(0, 7, 9, 50, 0)) {
      assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(bytes, 50, bytes.length));
    }
  }

  @Test
  void openingAMissingFileIsNotFound() {
    write(0, 1, 1, T0);

    assertThatThrownBy(() -> client.open(0, 2, 2, 0, 0))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("0000000000000002-0000000000000002.ltx");
  }

  @Test
  void keepsTheHeaderTimestampWhereLitestreamDoes() throws IOException {
    Instant stamp = Instant.ofEpochMilli(1_700_000_000_100L);
    write(LtxFile.SNAPSHOT_LEVEL, 1, 255, stamp);

    String key = expectedLayout().key(LtxFile.SNAPSHOT_LEVEL, 1, 255);
    assertThat(key)
        .as("Litestream's name of the file")
        .endsWith(
            (expectedLayout() == ReplicaLayout.DIRECTORY ? "ltx/9/" : "0009/")
                + "0000000000000001-00000000000000ff.ltx");
    assertThat(store.stat(key)).as("Litestream's key %s", key).isPresent();
    if (store.location().localPath().isPresent()) {
      Path file = Path.of(store.location().path()).resolve(key);
      assertThat(Files.getLastModifiedTime(file).toInstant()).isEqualTo(stamp);
    } else {
      assertThat(store.stat(key).orElseThrow().userMetadata())
          .containsEntry(ReplicaClient.TIMESTAMP_METADATA, "2023-11-14T22:13:20.1Z");
    }
    assertThat(client.files(LtxFile.SNAPSHOT_LEVEL, 0, TimestampMode.EXACT))
        .singleElement()
        .satisfies(file -> assertThat(file.createdAt()).isEqualTo(stamp));
  }

  @Test
  void seeksByNumberNotByNamePrefix() {
    write(0, 0x0f, 0x0f, T0);
    write(0, 0x10, 0x10, T0);
    write(0, 0x100, 0x100, T0);

    assertThat(mins(client.files(0, 0x10, TimestampMode.LISTED))).containsExactly(0x10L, 0x100L);
    assertThat(mins(client.files(0, 0x11, TimestampMode.EXACT))).containsExactly(0x100L);
    assertThat(client.files(0, 0x101, TimestampMode.LISTED)).isEmpty();
  }

  @Test
  void skipsObjectsThatAreNotLtxFiles() {
    write(0, 3, 3, T0);
    String level = expectedLayout().levelPrefix(0);
    for (String name :
        List.of(
            "readme.txt",
            "0000000000000001-0000000000000002.ltx.tmp",
            "000000000000000A-000000000000000B.ltx",
            "0000000000000001-02.ltx",
            "sub/0000000000000004-0000000000000004.ltx")) {
      store.put(level + name, Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS);
    }

    assertThat(mins(client.files(0, 0, TimestampMode.EXACT))).containsExactly(3L);
  }

  @Test
  void refusesAStreamShorterThanTheHeaderOrNotLtx() {
    byte[] valid = ltx(1, 1, T0);

    assertThatThrownBy(
            () -> client.write(0, 1, 1, new ByteArrayInputStream(Arrays.copyOf(valid, 99))))
        .isInstanceOf(ReplicaException.class)
        .hasMessageContaining("holds 99 bytes")
        .hasMessageContaining("0000000000000001-0000000000000001.ltx");
    byte[] foreign = valid.clone();
    foreign[3] = '2';
    assertThatThrownBy(() -> client.write(0, 1, 1, new ByteArrayInputStream(foreign)))
        .isInstanceOf(ReplicaException.class)
        .hasMessageContaining("LTX1");
    assertThat(client.files(0, 0, TimestampMode.LISTED)).isEmpty();
  }

  @Test
  void acceptsAHeaderFollowedByAnythingAsLitestreamDoesButVerifyFindsIt() {
    byte[] header = Arrays.copyOf(ltx(4, 5, T0), LtxHeader.SIZE);
    byte[] junk = new byte[5_000];
    new Random(1).nextBytes(junk);
    byte[] file = new byte[header.length + junk.length];
    System.arraycopy(header, 0, file, 0, header.length);
    System.arraycopy(junk, 0, file, header.length, junk.length);

    LtxFile written = client.write(0, 4, 5, new ByteArrayInputStream(file));

    assertThat(written.size()).isEqualTo(file.length);
    assertThat(written.createdAt()).isEqualTo(T0);
    assertThatThrownBy(() -> client.verify(written))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("0000000000000004-0000000000000005.ltx")
        .hasMessageContaining("corrupt")
        .hasMessageContaining("Litestream does not write it again")
        .hasMessageContaining("before 4 with --txid")
        .hasMessageNotContaining("writes it again at its next snapshot");
  }

  @Test
  void detectsOneFlippedByteOfAStoredFile() {
    LtxFile file = write(0, 2, 2, T0);
    assertThat(client.verify(file).maxTxid()).isEqualTo(2);
    byte[] bytes = ltx(2, 2, T0);
    bytes[LtxHeader.SIZE + 12] ^= 0x40;
    String key = client.layout().key(0, 2, 2);
    store.put(key, Content.ofBytes(bytes), WriteOptions.DEFAULTS);

    assertThatThrownBy(() -> client.verify(file))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining(key);
  }

  @Test
  void deletesChosenFilesThenEverything() {
    List<LtxFile> files = new ArrayList<>();
    for (long txid = 1; txid <= 5; txid++) {
      files.add(write(0, txid, txid, T0));
    }
    write(LtxFile.SNAPSHOT_LEVEL, 1, 5, T0);

    client.delete(List.of(files.get(1), files.get(3)));
    client.delete(List.of());

    assertThat(mins(client.files(0, 0, TimestampMode.LISTED))).containsExactly(1L, 3L, 5L);
    assertThat(client.deleteAll()).isEqualTo(4);
    assertThat(client.files(0, 0, TimestampMode.LISTED)).isEmpty();
    assertThat(client.files(LtxFile.SNAPSHOT_LEVEL, 0, TimestampMode.LISTED)).isEmpty();
  }

  @Test
  void listsAThousandFilesWithTheirExactTimestamps() {
    for (int i = 1; i <= 1_000; i++) {
      write(0, i, i, T0.plusMillis(i));
    }

    List<LtxFile> files = client.files(0, 0, TimestampMode.EXACT);

    assertThat(files).hasSize(1_000);
    for (LtxFile file : files) {
      assertThat(file.createdAt()).isEqualTo(T0.plusMillis(file.minTxid()));
    }
  }

  @Test
  void retentionKeepsTheNewestSnapshotAndTheLastFileOfALevel() {
    write(LtxFile.SNAPSHOT_LEVEL, 1, 3, T0);
    write(LtxFile.SNAPSHOT_LEVEL, 1, 6, T0.plusSeconds(60));
    for (long txid = 1; txid <= 4; txid++) {
      write(0, txid, txid, T0);
    }

    assertThat(client.deleteSnapshotsBefore(T0.plusSeconds(3_600)))
        .extracting(LtxFile::maxTxid)
        .containsExactly(3L);
    assertThat(client.deleteFilesBelow(0, 100))
        .extracting(LtxFile::minTxid)
        .containsExactly(1L, 2L, 3L);
    assertThat(client.files(LtxFile.SNAPSHOT_LEVEL, 0, TimestampMode.LISTED))
        .extracting(LtxFile::maxTxid)
        .containsExactly(6L);
    assertThat(mins(client.files(0, 0, TimestampMode.LISTED))).containsExactly(4L);
  }

  List<byte[]> replicateHistory() throws Exception {
    return SqliteHistory.replicate(client, temp, T0);
  }

  @Test
  void restoresARealSqliteDatabaseToEachState() throws Exception {
    List<byte[]> images = replicateHistory();

    RestorePlan latest = client.plan(RestoreTarget.latest());
    assertThat(latest.files())
        .extracting(file -> file.level() + ":" + file.minTxid() + "-" + file.maxTxid())
        .containsExactly("9:1-1", "1:2-3", "0:4-4");
    Path restored = temp.resolve("restored/latest.db");
    RestoreResult result = client.restore(latest, restored, RestoreListener.NONE);
    assertThat(result.txid()).isEqualTo(4);
    assertThat(Files.readAllBytes(restored)).isEqualTo(images.get(4));
    assertThat(SqliteHistory.checkedRows(restored)).isEqualTo(268);

    Path atTwo = temp.resolve("two.db");
    RestorePlan two = client.plan(RestoreTarget.txid(2));
    assertThat(two.files()).extracting(LtxFile::maxTxid).containsExactly(1L, 2L);
    client.restore(two, atTwo, RestoreListener.NONE);
    assertThat(Files.readAllBytes(atTwo)).isEqualTo(images.get(2));
    assertThat(SqliteHistory.checkedRows(atTwo)).isEqualTo(402);

    Path beforeThree = temp.resolve("before-three.db");
    RestorePlan early = client.plan(RestoreTarget.before(T0.plusSeconds(3)));
    assertThat(early.txid()).isEqualTo(2);
    client.restore(early, beforeThree, RestoreListener.NONE);
    assertThat(Files.readAllBytes(beforeThree)).isEqualTo(images.get(2));
  }

  @Test
  void aCorruptPlannedFileFailsTheRestoreAndLeavesNoOutput() throws Exception {
    replicateHistory();
    RestorePlan plan = client.plan(RestoreTarget.latest());
    String key = client.layout().key(0, 4, 4);
    byte[] bytes;
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      bytes = in.readAllBytes();
    }
    bytes[bytes.length / 2] ^= 1;
    store.put(key, Content.ofBytes(bytes), WriteOptions.DEFAULTS);
    Path output = temp.resolve("out/corrupt.db");

    assertThatThrownBy(() -> client.restore(plan, output, RestoreListener.NONE))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining(key);
    assertThat(output).doesNotExist();
    try (var left = Files.list(output.getParent())) {
      assertThat(left).isEmpty();
    }
  }
}
