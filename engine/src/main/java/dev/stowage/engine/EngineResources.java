package dev.stowage.engine;

import com.google.common.util.concurrent.RateLimiter;
import dev.stowage.api.MultipartUpload;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** What every transfer of one engine shares: threads, budgets, limits, settings. */
final class EngineResources implements AutoCloseable {
  final long partSize;
  final int concurrency;
  final int statConcurrency;

  /** How many objects a batch lists ahead of its transfers. */
  final int listAhead;

  final MemoryBudget budget;
  final RetryPolicy retry;
  final Optional<Duration> deadline;
  final RequestLimiter limiter;
  final Optional<RateLimiter> bandwidth;
  final TransferListener listener;
  final RequestObserver observer;
  final Optional<AbortJournal> journal;

  /** Where uploads from local files are noted while they run, so that a rerun continues them. */
  final Optional<ResumeJournal> resumes;

  final List<Crc> extraChecksums;
  final boolean readBack;
  final AtomicLong retries = new AtomicLong();
  private final AtomicLong objects = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicLong failedObjects = new AtomicLong();

  /** The transfers made so far and not yet collected, so that {@link #cancel} reaches them all. */
  private final Set<Transfer> transfers = Collections.newSetFromMap(new WeakHashMap<>());

  /** Multipart uploads begun and neither completed nor aborted yet, with their store's location. */
  private final Map<MultipartUpload, String> openUploads = new ConcurrentHashMap<>();

  private final AtomicInteger aborted = new AtomicInteger();
  private volatile boolean cancelled;
  private int running;

  /** Run the parts and ranges of transfers, one request at a time each. */
  final ExecutorService partWorkers;

  /** Run whole files of multi-file transfers and the stats of a fan-out, mostly waiting. */
  final ExecutorService fileWorkers;

  EngineResources(
      long partSize,
      int concurrency,
      int statConcurrency,
      int listAhead,
      long memoryBudget,
      RetryPolicy retry,
      Optional<Duration> deadline,
      Optional<Long> bytesPerSecond,
      TransferListener listener,
      RequestObserver observer,
      Optional<AbortJournal> journal,
      Optional<ResumeJournal> resumes,
      List<Crc> extraChecksums,
      boolean readBack) {
    this.partSize = partSize;
    this.concurrency = concurrency;
    this.statConcurrency = statConcurrency;
    this.listAhead = listAhead;
    this.budget = new MemoryBudget(memoryBudget);
    this.retry = retry;
    this.deadline = deadline;
    this.limiter = new RequestLimiter(concurrency);
    this.bandwidth = bytesPerSecond.map(RateLimiter::create);
    this.listener = listener;
    this.observer = observer;
    this.journal = journal;
    this.resumes = resumes;
    this.extraChecksums = List.copyOf(extraChecksums);
    this.readBack = readBack;
    this.partWorkers = Executors.newFixedThreadPool(concurrency, daemons("stowage-part-"));
    this.fileWorkers = Executors.newCachedThreadPool(daemons("stowage-file-"));
  }

  /**
   * Waits until {@code bytes} more may pass under the bandwidth limit, if there is one; called for
   * every chunk a transfer moves, it is also where a {@link #cancel} stops the bodies in flight.
   */
  void throttle(int bytes) throws InterruptedIOException {
    if (cancelled) {
      throw new InterruptedIOException("the transfer was cancelled");
    }
    if (bytes > 0) {
      bandwidth.ifPresent(limit -> limit.acquire(bytes));
    }
  }

  void report(TransferProgress progress) {
    tell(() -> listener.onProgress(progress));
  }

  void queued(String key, long bytes) {
    tell(() -> listener.onQueued(key, bytes));
  }

  void listed(long objects, long bytes) {
    tell(() -> listener.onListed(objects, bytes));
  }

  void resumed(String key, long keptBytes, long totalBytes) {
    tell(() -> listener.onResumed(key, keptBytes, totalBytes));
  }

  void restarted(String key, String reason) {
    tell(() -> listener.onRestarted(key, reason));
  }

  EngineMetrics metrics() {
    return new EngineMetrics(
        limiter.requests(),
        retries.get(),
        limiter.throttled(),
        limiter.limit(),
        budget.peak(),
        limiter.inFlight(),
        budget.inUse(),
        budget.total(),
        objects.get(),
        bytes.get(),
        failedObjects.get());
  }

  /** Runs one object's transfer between the listener's start and its end or failure. */
  TransferResult observe(String key, Supplier<TransferResult> transfer) {
    synchronized (this) {
      running++;
    }
    try {
      tell(() -> listener.onStarted(key));
      TransferResult result;
      try {
        result = transfer.get();
      } catch (RuntimeException e) {
        failedObjects.incrementAndGet();
        tell(() -> listener.onFailed(key, e));
        throw e;
      }
      objects.incrementAndGet();
      bytes.addAndGet(result.bytes());
      tell(() -> listener.onTransferred(result));
      return result;
    } finally {
      synchronized (this) {
        running--;
        notifyAll();
      }
    }
  }

  /** Makes a transfer reachable by {@link #cancel}; one made after it fails at once. */
  void register(Transfer transfer) {
    synchronized (transfers) {
      transfers.add(transfer);
    }
    if (cancelled) {
      transfer.fail(transfer.cancellation());
    }
  }

  boolean cancelled() {
    return cancelled;
  }

  void opened(MultipartUpload upload, String location) {
    openUploads.put(upload, location);
  }

  void ended(MultipartUpload upload, boolean abortedHere) {
    if (openUploads.remove(upload) != null && abortedHere) {
      aborted.incrementAndGet();
    }
  }

  /**
   * Fails every transfer (no new request is sent, the parts in flight settle, uploads are aborted),
   * waits up to {@code within} for them to end, and journals the uploads still open then.
   */
  CancelReport cancel(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    int abortedBefore = aborted.get();
    int cancelledTransfers;
    synchronized (this) {
      cancelled = true;
      cancelledTransfers = running;
    }
    List<Transfer> live;
    synchronized (transfers) {
      live = new ArrayList<>(transfers);
    }
    live.forEach(transfer -> transfer.fail(transfer.cancellation()));
    boolean ended = awaitIdle(deadline);
    Map<MultipartUpload, String> left = Map.copyOf(openUploads);
    int journaled = 0;
    for (Map.Entry<MultipartUpload, String> upload : left.entrySet()) {
      try {
        if (journal.isPresent()) {
          journal.get().record(upload.getValue(), upload.getKey());
          journaled++;
        }
      } catch (RuntimeException e) {
        // reported by count: the report says how many are left and how many were journaled
      }
    }
    return new CancelReport(
        cancelledTransfers, aborted.get() - abortedBefore, ended, left.size(), journaled);
  }

  private synchronized boolean awaitIdle(long deadline) {
    boolean interrupted = false;
    try {
      while (running > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          interrupted = true;
          return false;
        }
      }
      return true;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
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
