package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class MemoryBudgetTest {
  @Test
  void refusesABudgetOfNothingAndABufferLargerThanTheWhole() {
    assertThatThrownBy(() -> new MemoryBudget(0)).isInstanceOf(IllegalArgumentException.class);
    MemoryBudget budget = new MemoryBudget(100);
    assertThatThrownBy(() -> budget.acquire(101))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("larger than the whole budget of 100");
    assertThat(budget.inUse()).isZero();
  }

  @Test
  void countsWhatIsHeldAndItsPeakAndRefusesToReleaseMoreThanWasTaken() throws Exception {
    MemoryBudget budget = new MemoryBudget(100);
    budget.acquire(60);
    budget.acquire(40);
    budget.release(60);
    budget.acquire(10);
    assertThat(budget.inUse()).isEqualTo(50);
    assertThat(budget.peak()).isEqualTo(100);
    assertThatThrownBy(() -> budget.release(51)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aReaderWaitsUntilEnoughIsReleased() throws Exception {
    MemoryBudget budget = new MemoryBudget(100);
    budget.acquire(70);
    Thread reader = new Thread(() -> acquireQuietly(budget, 50));
    reader.start();
    awaitWaiting(reader);
    assertThat(budget.inUse()).as("held while the reader waits").isEqualTo(70);

    budget.release(10); // 60 + 50 is still more than the budget
    awaitWaiting(reader);
    assertThat(budget.inUse()).isEqualTo(60);

    budget.release(60);
    reader.join();
    assertThat(budget.inUse()).isEqualTo(50);
    assertThat(budget.peak()).isEqualTo(70);
  }

  @Test
  void aReaderInterruptedWhileWaitingTakesNothing() throws Exception {
    MemoryBudget budget = new MemoryBudget(100);
    budget.acquire(100);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                budget.acquire(1);
              } catch (InterruptedException e) {
                failure.set(e);
              }
            });
    reader.start();
    awaitWaiting(reader);
    reader.interrupt();
    reader.join();
    assertThat(failure.get()).isInstanceOf(InterruptedException.class);
    assertThat(budget.inUse()).isEqualTo(100);
  }

  private static void acquireQuietly(MemoryBudget budget, long bytes) {
    try {
      budget.acquire(bytes);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Waits for the thread to block in wait(): a state it reaches by itself, not after a time. */
  static void awaitWaiting(Thread thread) {
    while (thread.getState() != Thread.State.WAITING) {
      assertThat(thread.isAlive()).as("the thread ended instead of waiting").isTrue();
      Thread.onSpinWait();
    }
  }
}
