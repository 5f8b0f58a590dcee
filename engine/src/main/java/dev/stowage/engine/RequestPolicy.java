package dev.stowage.engine;

import dev.stowage.api.StorageException;
import dev.stowage.api.ThrottledException;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One link of the policy a request goes through: retry, deadline, request limit. Links wrap each
 * other, so a transfer composes the chain each kind of request needs (an abort keeps retrying past
 * the deadline; a metadata fan-out has a limit of its own) instead of passing flags.
 */
abstract class RequestPolicy {
  /** Sends the request as it is. */
  static final RequestPolicy DIRECT =
      new RequestPolicy() {
        @Override
        <T> T send(Supplier<T> request) {
          return request.get();
        }
      };

  /**
   * Sends a request through this link and the ones it wraps.
   *
   * @throws StorageException the request's failure, once this link gives up on it
   */
  abstract <T> T send(Supplier<T> request);

  /**
   * Retries what the api marks retryable, up to the policy's attempts, waiting out each backoff;
   * gives up early when the wait says the transfer is over.
   */
  static RequestPolicy retrying(RetryPolicy policy, IntPredicate backoff, RequestPolicy inner) {
    return new Retrying(policy, backoff, inner);
  }

  /** Runs a check, such as the transfer's deadline, before each request. */
  static RequestPolicy checked(Runnable check, RequestPolicy inner) {
    return new RequestPolicy() {
      @Override
      <T> T send(Supplier<T> request) {
        check.run();
        return inner.send(request);
      }
    };
  }

  /**
   * Holds a slot of the engine's request limiter for each request, telling it whether the store
   * throttled, so the bound adapts.
   */
  static RequestPolicy limited(RequestLimiter limiter, Slots slots, RequestPolicy inner) {
    return new RequestPolicy() {
      @Override
      <T> T send(Supplier<T> request) {
        long ticket = slots.acquire(limiter);
        boolean throttled = false;
        try {
          return inner.send(request);
        } catch (ThrottledException e) {
          throttled = true;
          throw e;
        } finally {
          limiter.release(ticket, throttled);
        }
      }
    };
  }

  /** Takes a slot of the limiter, turning an interruption into the caller's failure. */
  @FunctionalInterface
  interface Slots {
    long acquire(RequestLimiter limiter);
  }

  private static final class Retrying extends RequestPolicy {
    private static final Logger log = LoggerFactory.getLogger(Transfer.class);

    private final RetryPolicy policy;
    private final IntPredicate backoff;
    private final RequestPolicy inner;

    Retrying(RetryPolicy policy, IntPredicate backoff, RequestPolicy inner) {
      this.policy = policy;
      this.backoff = backoff;
      this.inner = inner;
    }

    @Override
    <T> T send(Supplier<T> request) {
      for (int attempt = 1; ; attempt++) {
        try {
          return inner.send(request);
        } catch (StorageException e) {
          if (!e.isRetryable() || attempt >= policy.maxAttempts()) {
            throw e;
          }
          if (!backoff.test(attempt)) {
            throw e; // the transfer failed or timed out meanwhile; another attempt is wasted
          }
          log.debug("retrying {} after attempt {}: {}", e.context(), attempt, e.getMessage());
        }
      }
    }
  }
}
