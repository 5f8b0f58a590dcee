package dev.stowage.engine;

import dev.stowage.api.StorageException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Runs a request again after failures the api marks retryable, as a {@link RetryPolicy} says. */
final class Retrying {
  private Retrying() {}

  static <T> T call(RetryPolicy policy, AtomicInteger retries, Supplier<T> request) {
    for (int attempt = 1; ; attempt++) {
      try {
        return request.get();
      } catch (StorageException e) {
        if (!e.isRetryable() || attempt >= policy.maxAttempts()) {
          throw e;
        }
        retries.incrementAndGet();
        try {
          Thread.sleep(policy.backoff(attempt).toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          e.addSuppressed(interrupted);
          throw e;
        }
      }
    }
  }
}
