package dev.stowage.engine;

import com.google.common.util.concurrent.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** What every transfer of one engine shares: threads, budgets, limits, settings. */
final class EngineResources implements AutoCloseable {
  final long partSize;
  final int concurrency;
  final int statConcurrency;
  final MemoryBudget budget;
  final RetryPolicy retry;
  final Optional<Duration> deadline;
  final RequestLimiter limiter;
  final Optional<RateLimiter> bandwidth;
  final TransferListener listener;
  final Optional<AbortJournal> journal;
  final List<Crc> extraChecksums;
  final boolean readBack;
  final AtomicLong retries = new AtomicLong();

  /** Run the parts and ranges of transfers, one request at a time each. */
  final ExecutorService partWorkers;

  /** Run whole files of multi-file transfers and the stats of a fan-out, mostly waiting. */
  final ExecutorService fileWorkers;

  EngineResources(
      long partSize,
      int concurrency,
      int statConcurrency,
      long memoryBudget,
      RetryPolicy retry,
      Optional<Duration> deadline,
      Optional<Long> bytesPerSecond,
      TransferListener listener,
      Optional<AbortJournal> journal,
      List<Crc> extraChecksums,
      boolean readBack) {
    this.partSize = partSize;
    this.concurrency = concurrency;
    this.statConcurrency = statConcurrency;
    this.budget = new MemoryBudget(memoryBudget);
    this.retry = retry;
    this.deadline = deadline;
    this.limiter = new RequestLimiter(concurrency);
    this.bandwidth = bytesPerSecond.map(RateLimiter::create);
    this.listener = listener;
    this.journal = journal;
    this.extraChecksums = List.copyOf(extraChecksums);
    this.readBack = readBack;
    this.partWorkers = Executors.newFixedThreadPool(concurrency, daemons("stowage-part-"));
    this.fileWorkers = Executors.newCachedThreadPool(daemons("stowage-file-"));
  }

  /** Waits until {@code bytes} more may pass under the bandwidth limit, if there is one. */
  void throttle(int bytes) {
    if (bytes > 0) {
      bandwidth.ifPresent(limit -> limit.acquire(bytes));
    }
  }

  void report(TransferProgress progress) {
    tell(() -> listener.onProgress(progress));
  }

  EngineMetrics metrics() {
    return new EngineMetrics(
        limiter.requests(), retries.get(), limiter.throttled(), limiter.limit(), budget.peak());
  }

  /** Runs one object's transfer between the listener's start and its end or failure. */
  TransferResult observe(String key, Supplier<TransferResult> transfer) {
    tell(() -> listener.onStarted(key));
    TransferResult result;
    try {
      result = transfer.get();
    } catch (RuntimeException e) {
      tell(() -> listener.onFailed(key, e));
      throw e;
    }
    tell(() -> listener.onTransferred(result));
    return result;
  }

  private static void tell(Runnable event) {
    try {
      event.run();
    } catch (RuntimeException ignored) {
      // a listener's failure must not fail the transfer it watches
    }
  }

  @Override
  public void close() {
    partWorkers.shutdownNow();
    fileWorkers.shutdownNow();
  }

  private static java.util.concurrent.ThreadFactory daemons(String prefix) {
    AtomicInteger threads = new AtomicInteger();
    return runnable -> {
      Thread thread = new Thread(runnable, prefix + threads.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    };
  }
}
