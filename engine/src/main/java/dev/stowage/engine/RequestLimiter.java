package dev.stowage.engine;

/**
 * Bounds the requests in flight across every transfer of an engine, and adapts the bound to the
 * store: a throttling answer halves it (once for all the requests that were already in flight, so a
 * burst of throttled answers is one decrease, not many), and each run of successes as long as the
 * bound raises it by one, back up to the configured maximum. Retries wait for a slot like any other
 * request, so a retry storm cannot raise the load (RELIABILITY.md RTY-05, THR-01).
 */
final class RequestLimiter {
  private final int max;
  private int limit;
  private int inFlight;
  private int successes;
  private long issued;
  private long lastDecrease;
  private long throttled;
  private long requests;

  RequestLimiter(int max) {
    this.max = max;
    this.limit = max;
  }

  /** Waits for a slot; returns the request's ticket for {@link #release}. */
  synchronized long acquire() throws InterruptedException {
    while (inFlight >= limit) {
      wait();
    }
    inFlight++;
    requests++;
    return issued++;
  }

  /** Frees a request's slot, telling whether the store answered it by throttling. */
  synchronized void release(long ticket, boolean wasThrottled) {
    inFlight--;
    if (wasThrottled) {
      throttled++;
      successes = 0;
      if (ticket >= lastDecrease) {
        limit = Math.max(1, limit / 2);
        lastDecrease = issued; // requests issued before now saw the old load
      }
    } else if (limit < max && ++successes >= limit) {
      limit++;
      successes = 0;
    }
    notifyAll();
  }

  synchronized int inFlight() {
    return inFlight;
  }

  synchronized int limit() {
    return limit;
  }

  synchronized long throttled() {
    return throttled;
  }

  synchronized long requests() {
    return requests;
  }
}
