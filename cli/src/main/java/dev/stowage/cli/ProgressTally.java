package dev.stowage.cli;

import dev.stowage.engine.TransferProgress;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The figures of one command's transfers, as a progress line shows them: objects and bytes done of
 * those known (a batch's listing runs ahead and says when it has ended), the rate over the last
 * {@link #WINDOW} beside the average, and the time left at the current rate. An object's last step
 * counts only once the object is verified and in place, so the bytes done reach the total when the
 * work is done, not when the last byte was sent and while the upload completes or the file syncs.
 * Thread-safe.
 */
final class ProgressTally {
  /** How far back the current rate looks. */
  static final Duration WINDOW = Duration.ofSeconds(5);

  /** Samples closer together than this are not kept, so a busy transfer keeps a few dozen. */
  private static final long SAMPLE_NANOS = Duration.ofMillis(100).toNanos();

  private final LongSupplier nanoTime;
  private final long started;

  /** The bytes counted so far of each object in flight, and its length where known. */
  private final Map<String, long[]> inFlight = new HashMap<>();

  /** Pairs of (time, bytes done), oldest first; the first is at most one older than the window. */
  private final Deque<long[]> samples = new ArrayDeque<>();

  private long settledBytes;
  private long objectsDone;
  private long objectsFailed;
  private long objectsStarted;
  private long queuedObjects;
  private long queuedBytes;
  private boolean batch;
  private boolean listed;

  /** Outside a batch: the lengths of the objects started, where known. */
  private long startedBytes;

  ProgressTally(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    this.started = nanoTime.getAsLong();
    samples.add(new long[] {started, 0});
  }

  /** A batch listed one more object ahead of its transfers. */
  synchronized void queued(long bytes) {
    batch = true;
    queuedObjects++;
    queuedBytes += Math.max(0, bytes);
  }

  /** A batch's listing ended: every object it will transfer has been queued. */
  synchronized void listed(long objects, long bytes) {
    batch = true;
    listed = true;
    queuedObjects = objects;
    queuedBytes = bytes;
  }

  synchronized void started(String key) {
    objectsStarted++;
    inFlight.putIfAbsent(key, new long[] {0, -1});
  }

  synchronized void progressed(TransferProgress progress) {
    long[] object = inFlight.computeIfAbsent(progress.key(), key -> new long[] {0, -1});
    if (object[1] < 0 && progress.totalBytes() >= 0) {
      object[1] = progress.totalBytes();
      startedBytes += progress.totalBytes();
    }
    boolean last =
        progress.totalBytes() >= 0 && progress.transferredBytes() >= progress.totalBytes();
    // the last step waits for the object's end: completing, verifying, syncing still take time
    object[0] =
        last ? progress.transferredBytes() - progress.stepBytes() : progress.transferredBytes();
    sample();
  }

  synchronized void transferred(String key, long bytes) {
    long[] object = inFlight.remove(key);
    if (object != null && object[1] < 0) {
      startedBytes += bytes; // a stream's length is known now
    }
    settledBytes += bytes;
    objectsDone++;
    sample();
  }

  synchronized void failed(String key) {
    long[] object = inFlight.remove(key);
    objectsFailed++;
    if (object != null && object[1] >= 0) {
      // its bytes will not be done: they are neither done nor left
      queuedBytes -= Math.min(queuedBytes, object[1]);
      startedBytes -= object[1];
    }
    sample();
  }

  private long bytesDone() {
    long done = settledBytes;
    for (long[] object : inFlight.values()) {
      done += object[0];
    }
    return done;
  }

  private void sample() {
    long now = nanoTime.getAsLong();
    if (now - samples.getLast()[0] >= SAMPLE_NANOS) {
      samples.addLast(new long[] {now, bytesDone()});
    }
  }

  /**
   * Returns the figures now.
   *
   * @return objects and bytes done and known, the rates and the time left
   */
  synchronized Snapshot snapshot() {
    long now = nanoTime.getAsLong();
    long done = bytesDone();
    // the newest sample older than the window is where the current rate is measured from
    while (samples.size() > 1 && now - secondSample()[0] >= WINDOW.toNanos()) {
      samples.removeFirst();
    }
    long[] base = samples.getFirst();
    double current = rate(done - base[1], now - base[0]);
    double average = rate(done, now - started);
    long totalBytes;
    long totalObjects;
    boolean complete;
    if (batch) {
      totalBytes = queuedBytes;
      totalObjects = queuedObjects - objectsFailed;
      complete = listed;
    } else {
      totalBytes = aStreamInFlight() ? -1 : startedBytes;
      totalObjects = objectsStarted - objectsFailed;
      complete = true;
    }
    Optional<Duration> left = Optional.empty();
    if (totalBytes >= 0 && current > 0) {
      left =
          Optional.of(Duration.ofMillis((long) (Math.max(0, totalBytes - done) / current * 1000)));
    }
    return new Snapshot(
        objectsDone,
        Math.max(totalObjects, objectsDone),
        complete,
        objectsFailed,
        done,
        totalBytes < 0 ? -1 : Math.max(totalBytes, done),
        current,
        average,
        left);
  }

  private long[] secondSample() {
    Iterator<long[]> oldestFirst = samples.iterator();
    oldestFirst.next();
    return oldestFirst.next();
  }

  /** Whether bytes of an object of unknown length are in flight: a stream, until it ends. */
  private boolean aStreamInFlight() {
    for (long[] object : inFlight.values()) {
      if (object[1] < 0 && object[0] > 0) {
        return true;
      }
    }
    return false;
  }

  private static double rate(long bytes, long nanos) {
    return nanos <= 0 ? 0 : bytes / (nanos / 1e9);
  }

  /**
   * The figures at one moment.
   *
   * @param objectsDone objects transferred and verified
   * @param objectsTotal objects known, done or to do (failed ones aside)
   * @param totalComplete whether every object is known (a batch's listing has ended)
   * @param objectsFailed objects that failed
   * @param bytesDone bytes transferred, an object's last step counted once it is done
   * @param bytesTotal bytes known, done or to do, or -1 while a stream's length is unknown
   * @param bytesPerSecond the rate over the last {@link #WINDOW}
   * @param averageBytesPerSecond the rate since the start
   * @param timeLeft the bytes left at the current rate, or empty while either is unknown
   */
  record Snapshot(
      long objectsDone,
      long objectsTotal,
      boolean totalComplete,
      long objectsFailed,
      long bytesDone,
      long bytesTotal,
      double bytesPerSecond,
      double averageBytesPerSecond,
      Optional<Duration> timeLeft) {}
}
