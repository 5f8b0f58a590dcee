package dev.stowage.engine;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;

/**
 * The tasks one transfer has handed to the engine's workers: at most a window of them at once, so
 * that a transfer of ten thousand parts queues a few, not ten thousand, and no future is kept per
 * task. {@link #awaitAll} waits until every task has settled.
 */
final class TaskWindow {
  private final Semaphore slots;
  private int pending;

  TaskWindow(int size) {
    this.slots = new Semaphore(size);
  }

  /** Runs a task on the workers once the window has room; the task handles its own failures. */
  void submit(ExecutorService workers, Runnable task) throws InterruptedException {
    slots.acquire();
    synchronized (this) {
      pending++;
    }
    try {
      workers.execute(
          () -> {
            try {
              task.run();
            } finally {
              settled();
            }
          });
    } catch (RejectedExecutionException e) {
      settled();
      throw new IllegalStateException("the engine is closed", e);
    }
  }

  private void settled() {
    slots.release();
    synchronized (this) {
      pending--;
      notifyAll();
    }
  }

  /** Waits, even if interrupted, until every submitted task has finished; keeps the interrupt. */
  synchronized void awaitAll() {
    boolean interrupted = false;
    while (pending > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
