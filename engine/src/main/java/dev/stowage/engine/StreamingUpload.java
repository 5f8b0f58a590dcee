package dev.stowage.engine;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;

/**
 * One stream of unknown length into a store: a stream shorter than one part becomes a single write;
 * a longer one is cut into parts that upload in parallel, each buffer taken from the engine's
 * memory budget before it is filled and given back when its part is stored. Part sizes grow every
 * tenth of the store's part count, so that any length up to what the parts can hold fits. Any
 * failure stops the reading, lets the parts in flight settle, and aborts the upload.
 */
final class StreamingUpload {
  private final ObjectStore target;
  private final String key;
  private final WriteOptions options;
  private final long basePartSize;
  private final MemoryBudget budget;
  private final ExecutorService workers;
  private final RetryPolicy retry;
  private final ErrorContext context;
  private final AtomicInteger retries = new AtomicInteger();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private final CountDownLatch cancelled = new CountDownLatch(1);

  StreamingUpload(
      ObjectStore target,
      String key,
      WriteOptions options,
      long partSize,
      MemoryBudget budget,
      ExecutorService workers,
      RetryPolicy retry) {
    this.target = target;
    this.key = key;
    this.options = options;
    this.budget = budget;
    this.workers = workers;
    this.retry = retry;
    this.context = ErrorContext.of(StorageOperation.WRITE, target.location()).withKey(key);
    Capabilities limits = target.capabilities();
    long base = Math.max(partSize, limits.minPartSize());
    this.basePartSize = Math.min(base, Math.min(limits.maxPartSize(), budget.total()));
  }

  TransferResult run(InputStream in) {
    Capabilities declared = target.capabilities();
    if (declared.supports(Capability.MULTIPART) && basePartSize < declared.minPartSize()) {
      throw new IllegalArgumentException(
          "the memory budget of "
              + budget.total()
              + " bytes cannot hold one part of this store's minimum "
              + declared.minPartSize()
              + " bytes. Raise the budget.");
    }
    long started = System.nanoTime();
    CRC32C crc = new CRC32C();
    Chunk first;
    try {
      budget.acquire(basePartSize);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted(e);
    }
    try {
      first = readUpTo(in, basePartSize);
    } catch (IOException e) {
      budget.release(basePartSize);
      throw readFailed(e);
    }
    Capabilities limits = target.capabilities();
    if (first.length() < basePartSize || !limits.supports(Capability.MULTIPART)) {
      try {
        if (first.length() == basePartSize && in.read() >= 0) {
          throw new UnsupportedCapabilityException(
              context,
              "the stream is longer than "
                  + basePartSize
                  + " bytes and this store does not support multipart uploads.");
        }
        crc.update(first.bytes(), 0, first.length());
        ObjectInfo written =
            Retrying.call(
                retry, retries, cancelled, () -> target.put(key, first.content(), options));
        String sum = String.format("%08x", crc.getValue());
        TransferEngine.verify(written, first.length(), sum, Optional.empty(), target, key);
        return new TransferResult(written, first.length(), 1, retries.get(), since(started), sum);
      } catch (IOException e) {
        throw readFailed(e);
      } finally {
        budget.release(basePartSize);
      }
    }
    MultipartUpload upload;
    try {
      upload =
          Retrying.call(retry, retries, cancelled, () -> target.initiateMultipart(key, options));
    } catch (RuntimeException e) {
      budget.release(basePartSize);
      throw e;
    }
    ConcurrentSkipListMap<Integer, CompletedPart> done = new ConcurrentSkipListMap<>();
    List<Future<?>> inFlight = new ArrayList<>();
    long total = 0;
    int number = 1;
    try {
      Chunk buffer = first;
      long held = basePartSize;
      while (true) {
        crc.update(buffer.bytes(), 0, buffer.length());
        total += buffer.length();
        inFlight.add(submitPart(upload, number, buffer, held, done));
        if (buffer.length() < held || failure.get() != null) {
          break; // the last, short part was sent, or a part failed
        }
        if (number == limits.maxParts()) {
          if (in.read() >= 0) {
            throw new UnsupportedCapabilityException(
                context,
                "the stream is longer than "
                    + limits.maxParts()
                    + " parts can hold. Raise the part size or the memory budget.");
          }
          break;
        }
        number++;
        held = partSize(number, limits);
        budget.acquire(held);
        try {
          buffer = readUpTo(in, held);
        } catch (IOException e) {
          budget.release(held);
          throw e;
        }
        if (buffer.length() == 0) {
          budget.release(held);
          number--;
          break;
        }
      }
      awaitAll(inFlight);
      Throwable failed = failure.get();
      if (failed != null) {
        throw failed;
      }
      List<CompletedPart> parts = new ArrayList<>(done.values());
      ObjectInfo written = target.completeMultipart(upload, parts);
      String sum = String.format("%08x", crc.getValue());
      TransferEngine.verify(written, total, sum, Optional.empty(), target, key);
      return new TransferResult(written, total, parts.size(), retries.get(), since(started), sum);
    } catch (Throwable e) {
      fail(e);
      awaitAll(inFlight);
      abort(upload, e);
      if (e instanceof IOException io) {
        throw readFailed(io);
      }
      if (e instanceof InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw interrupted(ie);
      }
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (e instanceof Error error) {
        throw error;
      }
      throw new PermanentStorageException(context, "the upload failed: " + e, e);
    }
  }

  private Future<?> submitPart(
      MultipartUpload upload,
      int number,
      Chunk chunk,
      long held,
      ConcurrentSkipListMap<Integer, CompletedPart> done) {
    return workers.submit(
        () -> {
          try {
            if (failure.get() == null) {
              done.put(
                  number,
                  Retrying.call(
                      retry,
                      retries,
                      cancelled,
                      () -> target.uploadPart(upload, number, chunk.content())));
            }
          } catch (RuntimeException | Error e) {
            fail(e);
          } finally {
            budget.release(held);
          }
        });
  }

  /** Part sizes double every tenth of the part count, within the store's and budget's limits. */
  private long partSize(int number, Capabilities limits) {
    int tier = (number - 1) / Math.max(1, limits.maxParts() / 10);
    long size = basePartSize << Math.min(tier, 30);
    return Math.min(
        size, Math.min(limits.maxPartSize(), Math.min(budget.total(), Integer.MAX_VALUE - 8)));
  }

  private void abort(MultipartUpload upload, Throwable cause) {
    try {
      Retrying.call(
          retry,
          retries,
          () -> {
            target.abortMultipart(upload);
            return null;
          });
      if (target.capabilities().supports(Capability.LIST_MULTIPART_UPLOADS)
          && target.listMultipartUploads(key).stream()
              .anyMatch(u -> u.uploadId().equals(upload.uploadId()))) {
        cause.addSuppressed(
            new PermanentStorageException(
                context,
                "the upload " + upload.uploadId() + " is still listed after its abort; sweep it."));
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }

  private static void awaitAll(List<Future<?>> futures) {
    boolean interrupted = false;
    for (Future<?> future : futures) {
      while (true) {
        try {
          future.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          break; // the task records its own failure
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records the first failure and cuts short the backoffs of retries still waiting. */
  private void fail(Throwable e) {
    failure.compareAndSet(null, e);
    cancelled.countDown();
  }

  /** A part buffer and how much of it the source filled; shared with the part, not copied. */
  private record Chunk(byte[] bytes, int length) {
    Content content() {
      return Content.ofBytes(bytes, 0, length);
    }
  }

  private static Chunk readUpTo(InputStream in, long size) throws IOException {
    byte[] buffer = new byte[(int) size];
    return new Chunk(buffer, in.readNBytes(buffer, 0, buffer.length));
  }

  private StorageException readFailed(IOException e) {
    return new PermanentStorageException(
        context, "reading the source failed: " + e.getMessage() + "; nothing was kept", e);
  }

  private StorageException interrupted(InterruptedException e) {
    return new PermanentStorageException(
        context, "the upload was interrupted; nothing was kept", e);
  }

  private static Duration since(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }
}
