package dev.stowage.engine;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The state one transfer's threads share: its first failure, a latch that cancels it, its deadline,
 * its retries and progress. Requests go through {@link #call}, a chain of {@link RequestPolicy}
 * links: retry with backoff of what the api marks retryable, the transfer's deadline, the engine's
 * request limit.
 */
final class Transfer {
  /** Nothing may shorten the backoff of a request that must be tried to the end. */
  private static final CountDownLatch NEVER = new CountDownLatch(1);

  final EngineResources engine;
  final ErrorContext context;
  private final String key;
  private final long started = System.nanoTime();
  private final long deadline;
  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch cancelled = new CountDownLatch(1);
  private final AtomicLong transferred = new AtomicLong();
  private final AtomicInteger completedParts = new AtomicInteger();
  private volatile long totalBytes;
  private final RequestPolicy standard;
  private final RequestPolicy toTheEnd;
  private final RequestPolicy unlimited;

  /** A transfer that reads one object of a store, for describing it before it is read. */
  static Transfer reading(EngineResources engine, ObjectStore source, String key) {
    return new Transfer(
        engine, ErrorContext.of(StorageOperation.READ, source.location()).withKey(key), key, -1);
  }

  Transfer(EngineResources engine, ErrorContext context, String key, long totalBytes) {
    this.engine = engine;
    this.context = context;
    this.key = key;
    this.totalBytes = totalBytes;
    this.deadline =
        engine.deadline.map(d -> started + d.toNanos()).orElse(started + Long.MAX_VALUE / 2);
    Runnable beforeEach =
        () -> {
          if (engine.cancelled()) {
            throw cancellation();
          }
          checkDeadline(null);
        };
    RequestPolicy.Slots slots = this::acquireSlot;
    RequestPolicy limited = RequestPolicy.limited(engine.limiter, slots, RequestPolicy.DIRECT);
    this.standard =
        RequestPolicy.retrying(
            engine.retry, this::backoff, RequestPolicy.checked(beforeEach, limited));
    this.toTheEnd =
        RequestPolicy.retrying(engine.retry, attempt -> backoff(attempt, false), limited);
    this.unlimited =
        RequestPolicy.retrying(
            engine.retry, this::backoff, RequestPolicy.checked(beforeEach, RequestPolicy.DIRECT));
    engine.register(this);
  }

  /** Sends a request within the engine's limit and the deadline, retrying as the policy says. */
  <T> T call(StorageOperation operation, Supplier<T> request) {
    return standard.send(observed(operation, request));
  }

  /** Sends a request that must be tried whatever else failed, such as an abort: no deadline. */
  <T> T callToTheEnd(StorageOperation operation, Supplier<T> request) {
    return toTheEnd.send(observed(operation, request));
  }

  /** Sends a request outside the engine's request limit (a metadata fan-out has its own). */
  <T> T callUnlimited(StorageOperation operation, Supplier<T> request) {
    return unlimited.send(observed(operation, request));
  }

  /** Each attempt of a request, told to the engine's observer as it is sent and as it ends. */
  private <T> Supplier<T> observed(StorageOperation operation, Supplier<T> request) {
    RequestObserver observer = engine.observer;
    if (observer == RequestObserver.NONE) {
      return request;
    }
    return () -> {
      RequestObserver.Request sent = quietly(() -> observer.sent(operation, key));
      T answer;
      try {
        answer = request.get();
      } catch (RuntimeException | Error e) {
        tellEnded(sent, e);
        throw e;
      }
      tellEnded(sent, null);
      return answer;
    };
  }

  private static void tellEnded(RequestObserver.Request sent, Throwable failure) {
    if (sent != null) {
      quietly(
          () -> {
            sent.ended(failure);
            return null;
          });
    }
  }

  /** Runs an observer's code; what it throws is ignored, so it cannot fail a transfer. */
  private static <T> T quietly(Supplier<T> call) {
    try {
      return call.get();
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Describes an object that must exist, through this transfer's policy.
   *
   * @throws ObjectNotFoundException if there is no such object
   */
  ObjectInfo existing(ObjectStore store, String key) {
    return call(StorageOperation.STAT, () -> store.stat(key))
        .orElseThrow(
            () ->
                new ObjectNotFoundException(
                    context, "no such object. List the location to see its keys."));
  }

  /**
   * Waits out the backoff before attempt {@code attempt + 1} and counts the retry.
   *
   * @return false if the transfer was cancelled or reached its deadline meanwhile
   */
  boolean backoff(int attempt) {
    return backoff(attempt, true);
  }

  private boolean backoff(int attempt, boolean cancellable) {
    long wait = engine.retry.backoff(attempt).toNanos();
    if (cancellable) {
      wait = Math.min(wait, Math.max(0, deadline - System.nanoTime()));
    }
    try {
      if ((cancellable ? cancelled : NEVER).await(wait, TimeUnit.NANOSECONDS)) {
        return false;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
    if (cancellable && System.nanoTime() - deadline >= 0) {
      return false;
    }
    retries.incrementAndGet();
    engine.retries.incrementAndGet();
    return true;
  }

  private long acquireSlot(RequestLimiter limiter) {
    try {
      return limiter.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
  }

  /** Fails with a clear error once the transfer has run past its deadline. */
  void checkDeadline(Throwable cause) {
    if (System.nanoTime() - deadline >= 0) {
      throw new PermanentStorageException(
          context,
          "the transfer ran past its deadline of "
              + engine.deadline.orElseThrow()
              + "; nothing was kept. Raise the deadline or retry later.",
          cause);
    }
  }

  /** Records the first failure and cancels the rest of the transfer. */
  void fail(Throwable e) {
    failure.compareAndSet(null, e);
    cancelled.countDown();
  }

  Throwable failure() {
    return failure.get();
  }

  boolean failed() {
    return failure.get() != null;
  }

  int retries() {
    return retries.get();
  }

  Duration elapsed() {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  void totalBytes(long bytes) {
    totalBytes = bytes;
  }

  /** Reports that a part, range or single write of {@code bytes} finished. */
  void progress(long bytes) {
    long done = transferred.addAndGet(bytes);
    int parts = completedParts.incrementAndGet();
    engine.report(new TransferProgress(key, done, totalBytes, bytes, parts, elapsed()));
  }

  /** The failure of a transfer the engine's {@link TransferEngine#cancel} stopped. */
  StorageException cancellation() {
    return new PermanentStorageException(context, "the transfer was cancelled; nothing was kept");
  }

  StorageException interrupted(InterruptedException e) {
    return new PermanentStorageException(
        context, "the transfer was interrupted; nothing was kept", e);
  }

  /** Turns any failure into the exception the caller sees. */
  RuntimeException rethrow(Throwable e) {
    if (e instanceof java.io.IOException io) {
      return new PermanentStorageException(
          context, "reading the source failed: " + io.getMessage() + "; nothing was kept", io);
    }
    if (e instanceof InterruptedException ie) {
      Thread.currentThread().interrupt();
      return interrupted(ie);
    }
    if (e instanceof RuntimeException runtime) {
      return runtime;
    }
    if (e instanceof Error error) {
      throw error;
    }
    return new PermanentStorageException(context, "the transfer failed: " + e, e);
  }
}
