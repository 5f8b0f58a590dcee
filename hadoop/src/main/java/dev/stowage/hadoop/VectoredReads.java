package dev.stowage.hadoop;

import dev.stowage.api.StorageException;
import dev.stowage.engine.ObjectReadStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import org.apache.hadoop.fs.FileRange;
import org.apache.hadoop.fs.VectoredReadUtils;
import org.apache.hadoop.fs.impl.CombinedFileRange;

/**
 * Vectored reads of one filesystem: the ranges asked are sorted, those closer than the minimum seek
 * are merged up to the maximum merged size, and each merged range is one ranged GET (a positioned
 * read of the engine's stream), run on a pool of {@code fs.stowage.concurrency} threads; each range
 * asked gets its slice. Columnar readers (Parquet, ORC) ask for many column chunks at once.
 */
final class VectoredReads implements AutoCloseable {
  private final int minSeek;
  private final int maxMerged;
  private final ExecutorService workers;

  VectoredReads(int minSeek, int maxMerged, int threads) {
    this.minSeek = minSeek;
    this.maxMerged = maxMerged;
    AtomicInteger count = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            threads,
            threads,
            30,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            task -> {
              Thread thread = new Thread(task, "stowage-vectored-read-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    pool.allowCoreThreadTimeOut(true);
    this.workers = pool;
  }

  int minSeek() {
    return minSeek;
  }

  int maxMerged() {
    return maxMerged;
  }

  /**
   * Starts reading the ranges; each range's {@link FileRange#getData()} completes with its bytes,
   * or exceptionally with the {@link IOException} that stopped it. {@code read} is told the bytes
   * of each merged range read from the store.
   *
   * @throws EOFException if a range reaches past the end of the object
   * @throws IllegalArgumentException if ranges overlap or one is negative
   */
  void read(
      ObjectReadStream in,
      String path,
      List<? extends FileRange> ranges,
      IntFunction<ByteBuffer> allocate,
      Consumer<ByteBuffer> release,
      IntConsumer read)
      throws IOException {
    List<? extends FileRange> sorted =
        VectoredReadUtils.validateAndSortRanges(ranges, Optional.of(in.length()));
    for (FileRange range : ranges) {
      range.setData(new CompletableFuture<>());
    }
    for (CombinedFileRange merged :
        VectoredReadUtils.mergeSortedRanges(sorted, 1, minSeek, maxMerged)) {
      try {
        workers.execute(
            new MergedRead(merged, () -> readMerged(in, path, merged, allocate, release, read)));
      } catch (RejectedExecutionException e) {
        fail(merged, new IOException("the filesystem is closed: cannot read " + path, e));
      }
    }
  }

  private static void readMerged(
      ObjectReadStream in,
      String path,
      CombinedFileRange merged,
      IntFunction<ByteBuffer> allocate,
      Consumer<ByteBuffer> release,
      IntConsumer read) {
    byte[] bytes = new byte[merged.getLength()];
    try {
      in.readFully(merged.getOffset(), bytes, 0, bytes.length);
    } catch (StorageException e) {
      fail(merged, HadoopErrors.translate(e));
      return;
    } catch (IOException e) {
      fail(merged, new IOException("vectored read of " + path + " failed: " + e.getMessage(), e));
      return;
    } catch (UncheckedIOException e) {
      fail(merged, e.getCause());
      return;
    } catch (RuntimeException e) {
      // the engine or the store closed under the read, or anything else: never a range left open
      fail(merged, new IOException("vectored read of " + path + " failed: " + e, e));
      return;
    }
    read.accept(bytes.length);
    for (FileRange range : merged.getUnderlying()) {
      ByteBuffer buffer = null;
      try {
        buffer = allocate.apply(range.getLength());
        buffer.put(bytes, (int) (range.getOffset() - merged.getOffset()), range.getLength());
        buffer.flip();
        range.getData().complete(buffer);
      } catch (RuntimeException e) {
        if (buffer != null) {
          release.accept(buffer);
        }
        range.getData().completeExceptionally(e);
      }
    }
  }

  private static void fail(CombinedFileRange merged, Throwable cause) {
    for (FileRange range : merged.getUnderlying()) {
      range.getData().completeExceptionally(cause);
    }
  }

  /** A merged range's read, which fails its ranges if the filesystem closes before it runs. */
  private record MergedRead(CombinedFileRange merged, Runnable read) implements Runnable {
    @Override
    public void run() {
      read.run();
    }
  }

  /** Stops the reads: those running are interrupted, those waiting fail their ranges. */
  @Override
  public void close() {
    for (Runnable waiting : workers.shutdownNow()) {
      if (waiting instanceof MergedRead read) {
        fail(read.merged(), new IOException("the filesystem was closed before the read ran"));
      }
    }
  }
}
