package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the progress figures read on a terminal line. */
class ProgressLineTest {
  private static final long MIB = 1024 * 1024;

  private static ProgressTally.Snapshot batch(boolean listed) {
    return new ProgressTally.Snapshot(
        212,
        500,
        listed,
        0,
        430 * MIB,
        1024 * MIB,
        20 * MIB,
        35 * MIB,
        Optional.of(Duration.ofSeconds(52)));
  }

  @Test
  void saysObjectsBytesBothRatesAndTheTimeLeft() {
    assertThat(ProgressLine.format("cp", batch(true), 200))
        .isEqualTo(
            "cp  41% [############------------------] 430.0 MiB/1.0 GiB, 212/500 objects,"
                + " 20.0 MiB/s (avg 35.0 MiB/s), 0:52 left");
  }

  @Test
  void marksATotalThatTheListingIsStillCounting() {
    assertThat(ProgressLine.format("sync", batch(false), 200)).contains(", 212/500+ objects,");
  }

  @Test
  void fitsANarrowTerminalByShrinkingTheBarThenDroppingTheAverageThenTheBar() {
    assertThat(ProgressLine.format("cp", batch(true), 100))
        .hasSize(99)
        .startsWith("cp  41% [#####---------] 430.0 MiB")
        .contains("(avg ");
    assertThat(ProgressLine.format("cp", batch(true), 80))
        .hasSizeLessThan(80)
        .startsWith("cp  41% [")
        .doesNotContain("avg");
    assertThat(ProgressLine.format("cp", batch(true), 60))
        .hasSizeLessThan(60)
        .startsWith("cp  41% 430.0 MiB")
        .doesNotContain("avg");
    assertThat(ProgressLine.format("cp", batch(true), 40)).hasSize(39);
  }

  @Test
  void aStreamOfUnknownLengthShowsBytesAndRatesOnly() {
    ProgressTally.Snapshot stream =
        new ProgressTally.Snapshot(0, 1, true, 0, 8 * MIB, -1, MIB, MIB, Optional.empty());
    assertThat(ProgressLine.format("cp", stream, 200))
        .isEqualTo("cp 8.0 MiB, 1.0 MiB/s (avg 1.0 MiB/s)");
  }

  @Test
  void countsFailuresAndWritesLongTimesWithHours() {
    ProgressTally.Snapshot failing =
        new ProgressTally.Snapshot(
            3, 4, true, 2, 10, 20, 1, 1, Optional.of(Duration.ofSeconds(3 * 3600 + 7 * 60 + 41)));
    assertThat(ProgressLine.format("mv", failing, 200))
        .contains(", 3/4 objects, 2 failed,")
        .endsWith(", 3:07:41 left");
  }
}
