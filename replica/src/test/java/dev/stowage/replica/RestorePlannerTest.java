package dev.stowage.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Litestream's restore planning rules, on listings given directly. */
class RestorePlannerTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final List<LtxFile> files = new ArrayList<>();

  private void add(int level, long min, long max, int second) {
    files.add(new LtxFile(level, min, max, 1_000, T0.plusSeconds(second)));
  }

  private List<String> plan(RestoreTarget target) {
    return RestorePlanner.plan(
            (level, mode) ->
                files.stream()
                    .filter(file -> file.level() == level)
                    .sorted(Comparator.comparingLong(LtxFile::minTxid))
                    .toList(),
            target,
            "file:///replica")
        .files()
        .stream()
        .map(file -> file.level() + ":" + file.minTxid() + "-" + file.maxTxid())
        .toList();
  }

  @Test
  void takesTheLastQualifyingSnapshotThenTheLongestReachAcrossLevels() {
    add(9, 1, 10, 10);
    add(9, 1, 20, 20);
    add(0, 21, 21, 21);
    add(0, 22, 22, 22);
    add(1, 21, 22, 22);
    add(0, 23, 23, 23);

    assertThat(plan(RestoreTarget.latest())).containsExactly("9:1-20", "1:21-22", "0:23-23");
    assertThat(plan(RestoreTarget.txid(10))).containsExactly("9:1-10");
    assertThatThrownBy(() -> plan(RestoreTarget.txid(15)))
        .hasMessageContaining("transaction 15 is not in file:///replica")
        .hasMessageContaining("end at transaction 10");
    assertThat(plan(RestoreTarget.txid(21))).containsExactly("9:1-20", "0:21-21");
  }

  @Test
  void breaksTiesBySmallerMinThenHigherLevelThenEarlierCreation() {
    add(9, 1, 5, 5);
    add(0, 6, 8, 9);
    add(2, 6, 8, 8);
    add(1, 4, 8, 7);
    assertThat(plan(RestoreTarget.latest())).containsExactly("9:1-5", "1:4-8");

    files.clear();
    add(9, 1, 5, 5);
    add(0, 6, 8, 9);
    add(2, 6, 8, 8);
    assertThat(plan(RestoreTarget.latest())).containsExactly("9:1-5", "2:6-8");

    files.clear();
    add(9, 1, 5, 5);
    add(3, 6, 8, 9);
    add(3, 6, 8, 8);
    assertThat(
            RestorePlanner.BETTER.compare(
                new LtxFile(3, 6, 8, 1, T0), new LtxFile(3, 6, 8, 1, T0.plusSeconds(1))))
        .isNegative();
  }

  @Test
  void restoresFromTransactionOneWithoutASnapshot() {
    add(0, 1, 1, 1);
    add(0, 2, 3, 2);

    assertThat(plan(RestoreTarget.latest())).containsExactly("0:1-1", "0:2-3");
  }

  @Test
  void aGapInALatestRestoreIsNamed() {
    add(9, 1, 10, 10);
    add(0, 11, 11, 11);
    add(0, 14, 15, 15);

    assertThatThrownBy(() -> plan(RestoreTarget.latest()))
        .isInstanceOf(ReplicaException.class)
        .hasMessageContaining("have up to transaction 11")
        .hasMessageContaining("starts at 14")
        .hasMessageContaining("000000000000000e-000000000000000f.ltx")
        .hasMessageContaining("--txid 11");
    assertThat(plan(RestoreTarget.txid(11))).containsExactly("9:1-10", "0:11-11");
    assertThatThrownBy(() -> plan(RestoreTarget.txid(15)))
        .isInstanceOf(ReplicaException.class)
        .hasMessageContaining("not contiguous");
  }

  @Test
  void aPointInTimeUsesOnlyFilesCreatedBeforeIt() {
    add(9, 1, 10, 10);
    add(9, 1, 20, 30);
    add(0, 11, 12, 12);
    add(0, 13, 13, 13);

    assertThat(plan(RestoreTarget.before(T0.plusSeconds(13)))).containsExactly("9:1-10", "0:11-12");
    assertThat(plan(RestoreTarget.before(T0.plusSeconds(31)))).containsExactly("9:1-20");
    assertThatThrownBy(() -> plan(RestoreTarget.before(T0.plusSeconds(10))))
        .isInstanceOf(ReplicaException.class)
        .hasMessageContaining("nothing to restore for the last state before 2026-01-01T00:00:10Z");
  }

  @Test
  void nothingToRestoreAndUnreachedTransactionsAreClearErrors() {
    assertThatThrownBy(() -> plan(RestoreTarget.latest()))
        .isInstanceOf(ReplicaException.class)
        .hasMessageContaining("nothing to restore")
        .hasMessageContaining("file:///replica");
    add(0, 5, 6, 1);
    assertThatThrownBy(() -> plan(RestoreTarget.latest()))
        .hasMessageContaining("there is no snapshot and the first file starts at transaction 5");
    files.clear();
    add(9, 1, 4, 1);
    assertThatThrownBy(() -> plan(RestoreTarget.txid(9)))
        .isInstanceOf(ReplicaException.class)
        .hasMessageContaining("transaction 9 is not in file:///replica")
        .hasMessageContaining("end at transaction 4");
  }

  @Test
  void refusesAPlannedFileShorterThanAHeader() {
    files.add(new LtxFile(9, 1, 3, 42, T0));

    assertThatThrownBy(() -> plan(RestoreTarget.latest()))
        .isInstanceOf(ReplicaException.class)
        .hasMessageContaining("42 bytes, shorter than an LTX header");
  }
}
