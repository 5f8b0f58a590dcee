package dev.stowage.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently the engine retries a request that failed with an error the api marks
 * retryable: exponential backoff with full jitter, capped, within a number of attempts.
 *
 * @param maxAttempts attempts in all, at least 1
 * @param baseDelay the first backoff's upper bound
 * @param maxDelay the largest backoff's upper bound
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  /** 5 attempts, backoff bounds from 100 ms doubling to 5 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(5));

  /** One attempt: no retry. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  /**
   * Checks the bounds.
   *
   * @param maxAttempts attempts in all, at least 1
   * @param baseDelay the first backoff's upper bound
   * @param maxDelay the largest backoff's upper bound
   */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
    }
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay");
    }
  }

  /**
   * Returns the backoff before attempt {@code attempt + 1}: uniform in [0, min(maxDelay, baseDelay
   * * 2^(attempt-1))].
   *
   * @param attempt the attempt that failed, from 1
   * @return how long to wait
   */
  public Duration backoff(int attempt) {
    long base = baseDelay.toMillis();
    long cap = maxDelay.toMillis();
    long bound = base <= 0 ? 0 : Math.min(cap, base << Math.min(attempt - 1, 20));
    return Duration.ofMillis(bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1));
  }
}
