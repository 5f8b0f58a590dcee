package dev.stowage.engine;

import dev.stowage.api.StorageOperation;

/**
 * Hears each request the engine sends to a store, every attempt of it, as it is sent and as it
 * ends: where metrics and tracing plug in without the engine depending on either ({@code
 * stowage-metrics-micrometer} and {@code stowage-tracing-opentelemetry} implement it). A read ends
 * when the store has answered and its body starts, not when the body is read. Listings are not
 * heard; retries are counted in {@link EngineMetrics#retries()}. Called on the engine's threads, so
 * an observer is thread-safe, returns quickly and throws nothing; what it throws is ignored.
 */
public interface RequestObserver {
  /** Hears nothing. */
  RequestObserver NONE = new RequestObserver() {};

  /**
   * A request is sent.
   *
   * @param operation what it does
   * @param key the key of the object it is about
   * @return what to tell when it ends
   */
  default Request sent(StorageOperation operation, String key) {
    return Request.UNOBSERVED;
  }

  /**
   * Tells two observers of every request, this one first: metrics and tracing at once, say.
   *
   * @param other the second observer
   * @return an observer that tells both
   */
  default RequestObserver andThen(RequestObserver other) {
    RequestObserver first = this;
    java.util.Objects.requireNonNull(other, "other is null");
    return new RequestObserver() {
      @Override
      public Request sent(StorageOperation operation, String key) {
        Request one = first.sent(operation, key);
        Request two = other.sent(operation, key);
        return failure -> {
          try {
            one.ended(failure);
          } finally {
            two.ended(failure);
          }
        };
      }
    };
  }

  /** One request, from being sent to its end. */
  @FunctionalInterface
  interface Request {
    /** A request no one listens to. */
    Request UNOBSERVED = failure -> {};

    /**
     * The request ended.
     *
     * @param failure null if it succeeded, else what it threw (a {@link
     *     dev.stowage.api.ThrottledException} if the store asked to slow down)
     */
    void ended(Throwable failure);
  }
}
