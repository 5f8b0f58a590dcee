package dev.stowage.engine;

/**
 * Bytes of part buffers the engine may hold at once, shared by every transfer: a reader that wants
 * a buffer waits until enough is released. Records the peak, for tests and reports.
 */
final class MemoryBudget {
  private final long total;
  private long inUse;
  private long peak;

  MemoryBudget(long total) {
    if (total <= 0) {
      throw new IllegalArgumentException("the memory budget must be positive: " + total);
    }
    this.total = total;
  }

  long total() {
    return total;
  }

  /** Takes {@code bytes} from the budget, waiting while they are not free. */
  synchronized void acquire(long bytes) throws InterruptedException {
    if (bytes > total) {
      throw new IllegalArgumentException(
          "a buffer of " + bytes + " bytes is larger than the whole budget of " + total);
    }
    while (inUse + bytes > total) {
      wait();
    }
    inUse += bytes;
    peak = Math.max(peak, inUse);
  }

  synchronized void release(long bytes) {
    inUse -= bytes;
    if (inUse < 0) {
      throw new IllegalStateException("released more than was acquired");
    }
    notifyAll();
  }

  synchronized long inUse() {
    return inUse;
  }

  synchronized long peak() {
    return peak;
  }
}
