package dev.stowage.engine;

import dev.stowage.api.StorageException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a request again after failures the api marks retryable, as a {@link RetryPolicy} says. The
 * backoff waits on the transfer's cancellation latch, so a transfer that fails elsewhere stops
 * retrying at once instead of sleeping out its backoff.
 */
final class Retrying {
  /** For requests that must be tried whatever else failed, such as an abort. */
  private static final CountDownLatch NEVER = new CountDownLatch(1);

  private Retrying() {}

  static <T> T call(RetryPolicy policy, AtomicInteger retries, Supplier<T> request) {
    return call(policy, retries, NEVER, request);
  }

  static <T> T call(
      RetryPolicy policy, AtomicInteger retries, CountDownLatch cancelled, Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (StorageException e) {
        if (!e.isRetryable() || attempt >= policy.maxAttempts()) {
          throw e;
        }
        try {
          if (cancelled.await(policy.backoff(attempt).toNanos(), TimeUnit.NANOSECONDS)) {
            throw e; // the transfer failed meanwhile; another attempt would be wasted
          }
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          e.addSuppressed(interrupted);
          throw e;
        }
        retries.incrementAndGet();
      }
    }
  }
}
