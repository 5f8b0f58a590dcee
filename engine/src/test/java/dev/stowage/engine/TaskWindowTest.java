package dev.stowage.engine;

import static dev.stowage.engine.MemoryBudgetTest.awaitWaiting;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TaskWindowTest {
  private final ExecutorService workers = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    workers.shutdownNow();
  }

  @Test
  void handsTheWorkersNoMoreTasksThanTheWindowAtOnce() throws Exception {
    TaskWindow window = new TaskWindow(2);
    CountDownLatch open = new CountDownLatch(1);
    CountDownLatch twoRunning = new CountDownLatch(2);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    Runnable task =
        () -> {
          most.accumulateAndGet(running.incrementAndGet(), Math::max);
          twoRunning.countDown();
          await(open);
          running.decrementAndGet();
        };
    window.submit(workers, task);
    window.submit(workers, task);
    twoRunning.await();
    Thread submitter =
        new Thread(
            () -> {
              try {
                window.submit(workers, task);
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    submitter.start();
    awaitWaiting(submitter); // the third waits for a slot, four workers notwithstanding
    assertThat(running.get()).isEqualTo(2);

    open.countDown();
    submitter.join();
    window.awaitAll();
    assertThat(most.get()).isEqualTo(2);
    assertThat(running.get()).isZero();
  }

  @Test
  void awaitAllReturnsOnlyOnceEveryTaskSettledAndKeepsAnInterrupt() throws Exception {
    TaskWindow window = new TaskWindow(4);
    CountDownLatch open = new CountDownLatch(1);
    AtomicInteger finished = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      window.submit(
          workers,
          () -> {
            await(open);
            finished.incrementAndGet();
          });
    }
    AtomicReference<Boolean> interruptedAfter = new AtomicReference<>();
    AtomicInteger finishedSeen = new AtomicInteger(-1);
    Thread waiter =
        new Thread(
            () -> {
              window.awaitAll();
              finishedSeen.set(finished.get());
              interruptedAfter.set(Thread.currentThread().isInterrupted());
            });
    waiter.start();
    awaitWaiting(waiter);
    waiter.interrupt(); // it goes on waiting
    awaitWaiting(waiter);

    open.countDown();
    waiter.join();
    assertThat(finishedSeen.get()).isEqualTo(3);
    assertThat(interruptedAfter.get()).as("the interrupt is kept").isTrue();
  }

  @Test
  void aTaskRefusedByClosedWorkersFailsTheSubmitAndFreesItsSlot() throws Exception {
    TaskWindow window = new TaskWindow(1);
    workers.shutdown();
    assertThatThrownBy(() -> window.submit(workers, () -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> window.submit(workers, () -> {}))
        .as("the slot was given back, so the second submit is refused too, not blocked")
        .isInstanceOf(IllegalStateException.class);
    window.awaitAll(); // nothing is pending
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
