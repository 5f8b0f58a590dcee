package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.engine.TransferProgress;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The figures of a progress line, on a clock the test moves. */
class ProgressTallyTest {
  private static final long MIB = 1024 * 1024;

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final ProgressTally tally = new ProgressTally(now::get);

  private void after(Duration duration) {
    now.addAndGet(duration.toNanos());
  }

  private void step(String key, long done, long total, long step) {
    tally.progressed(new TransferProgress(key, done, total, step, 0, Duration.ZERO));
  }

  @Test
  void anObjectsLastStepCountsOnlyOnceItIsDone() {
    tally.started("big");
    after(Duration.ofSeconds(1));
    step("big", 100 * MIB, 300 * MIB, 100 * MIB);
    after(Duration.ofSeconds(1));
    step("big", 200 * MIB, 300 * MIB, 100 * MIB);
    after(Duration.ofSeconds(1));
    step("big", 300 * MIB, 300 * MIB, 100 * MIB);

    ProgressTally.Snapshot sent = tally.snapshot();
    assertThat(sent.bytesTotal()).isEqualTo(300 * MIB);
    assertThat(sent.bytesDone()).as("completing and verifying still to come").isEqualTo(200 * MIB);
    assertThat(sent.objectsDone()).isZero();

    after(Duration.ofSeconds(2));
    tally.transferred("big", 300 * MIB);
    ProgressTally.Snapshot done = tally.snapshot();
    assertThat(done.bytesDone()).isEqualTo(300 * MIB);
    assertThat(done.objectsDone()).isEqualTo(1);
    assertThat(done.objectsTotal()).isEqualTo(1);
    assertThat(done.timeLeft()).contains(Duration.ZERO);
  }

  @Test
  void theCurrentRateLooksAtTheLastSecondsAndTheTimeLeftFollowsIt() {
    tally.started("big");
    // 10 s at 10 MiB/s
    for (int second = 1; second <= 10; second++) {
      after(Duration.ofSeconds(1));
      step("big", second * 10 * MIB, 1000 * MIB, 10 * MIB);
    }
    ProgressTally.Snapshot fast = tally.snapshot();
    assertThat(fast.bytesPerSecond()).isEqualTo(10.0 * MIB, within(1));
    assertThat(fast.averageBytesPerSecond()).isEqualTo(10.0 * MIB, within(1));
    assertThat(fast.timeLeft()).contains(Duration.ofSeconds(90));

    // then 10 s at 1 MiB/s: the average lags, the current rate and the time left do not
    for (int second = 1; second <= 10; second++) {
      after(Duration.ofSeconds(1));
      step("big", 100 * MIB + second * MIB, 1000 * MIB, MIB);
    }
    ProgressTally.Snapshot slow = tally.snapshot();
    assertThat(slow.bytesPerSecond()).isEqualTo(1.0 * MIB, within(1));
    assertThat(slow.averageBytesPerSecond()).isEqualTo(5.5 * MIB, within(1));
    assertThat(slow.timeLeft()).contains(Duration.ofSeconds(890));

    // a stall: nothing for longer than the window
    after(ProgressTally.WINDOW.plusSeconds(1));
    ProgressTally.Snapshot stalled = tally.snapshot();
    assertThat(stalled.bytesPerSecond()).isZero();
    assertThat(stalled.averageBytesPerSecond()).isPositive();
    assertThat(stalled.timeLeft()).as("no estimate at a standstill").isEmpty();
  }

  @Test
  void aBatchsTotalGrowsWithItsListingUntilTheListingEnds() {
    tally.queued(100);
    tally.queued(200);
    ProgressTally.Snapshot listing = tally.snapshot();
    assertThat(listing.objectsTotal()).isEqualTo(2);
    assertThat(listing.bytesTotal()).isEqualTo(300);
    assertThat(listing.totalComplete()).isFalse();

    tally.queued(300);
    tally.listed(3, 600);
    tally.started("a");
    step("a", 100, 100, 100);
    tally.transferred("a", 100);
    tally.started("b");
    step("b", 150, 200, 150);
    tally.started("c");
    step("c", 100, 300, 100);
    tally.failed("c");

    ProgressTally.Snapshot now = tally.snapshot();
    assertThat(now.totalComplete()).isTrue();
    assertThat(now.objectsDone()).isEqualTo(1);
    assertThat(now.objectsFailed()).isEqualTo(1);
    assertThat(now.objectsTotal()).as("the failed one is no longer to do").isEqualTo(2);
    assertThat(now.bytesDone()).as("a whole, b in part, nothing of c").isEqualTo(250);
    assertThat(now.bytesTotal()).isEqualTo(300);
  }

  @Test
  void aStreamHasNoTotalUntilItEnds() {
    tally.started("stream");
    after(Duration.ofSeconds(1));
    step("stream", 8 * MIB, -1, 8 * MIB);
    ProgressTally.Snapshot streaming = tally.snapshot();
    assertThat(streaming.bytesTotal()).isEqualTo(-1);
    assertThat(streaming.bytesDone()).isEqualTo(8 * MIB);
    assertThat(streaming.timeLeft()).isEmpty();

    tally.transferred("stream", 9 * MIB);
    ProgressTally.Snapshot ended = tally.snapshot();
    assertThat(ended.bytesTotal()).isEqualTo(9 * MIB);
    assertThat(ended.bytesDone()).isEqualTo(9 * MIB);
  }

  private static org.assertj.core.data.Offset<Double> within(double value) {
    return org.assertj.core.data.Offset.offset(value);
  }
}
