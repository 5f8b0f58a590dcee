package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ChecksumAlgorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a {@link TransferEngine}: from {@link TransferEngine#builder()}, with its defaults. */
public final class TransferEngineBuilder {
  /** Objects up to this size are written with one request when the target allows it. */
  public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

  /** Requests in flight at once, by default. */
  public static final int DEFAULT_CONCURRENCY = 8;

  /** Stats in flight at once in a metadata fan-out, by default (as Litestream uses). */
  public static final int DEFAULT_STAT_CONCURRENCY = 50;

  /** Bytes of part buffers held at once by default: 16 parts of the default size. */
  public static final long DEFAULT_MEMORY_BUDGET = 16 * DEFAULT_PART_SIZE;

  private long partSize = DEFAULT_PART_SIZE;
  private int concurrency = DEFAULT_CONCURRENCY;
  private int statConcurrency = DEFAULT_STAT_CONCURRENCY;
  private int listAhead = 10_000;
  private long memoryBudget = DEFAULT_MEMORY_BUDGET;
  private RetryPolicy retry = RetryPolicy.DEFAULT;
  private Duration deadline;
  private Long bytesPerSecond;
  private TransferListener listener = TransferListener.NONE;
  private RequestObserver observer = RequestObserver.NONE;
  private Path abortJournal;
  private Path resumeJournal;
  private final List<Crc> checksums = new ArrayList<>();
  private boolean readBack;

  TransferEngineBuilder() {}

  /**
   * Sets the preferred part size (raised to a store's minimum, grown for long streams); objects up
   * to this size are written with one request.
   *
   * @param bytes 1 byte to 2 GiB
   * @return this builder
   */
  public TransferEngineBuilder partSize(long bytes) {
    if (bytes <= 0 || bytes > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("partSize must be 1 byte to 2 GiB: " + bytes);
    }
    this.partSize = bytes;
    return this;
  }

  /**
   * Sets how many requests are in flight at once across every transfer of the engine, files and
   * parts together.
   *
   * @param requests at least 1
   * @return this builder
   */
  public TransferEngineBuilder concurrency(int requests) {
    if (requests < 1) {
      throw new IllegalArgumentException("concurrency must be at least 1: " + requests);
    }
    this.concurrency = requests;
    return this;
  }

  /**
   * Sets how many stats are in flight at once in {@link TransferEngine#statAll}.
   *
   * @param requests at least 1
   * @return this builder
   */
  public TransferEngineBuilder statConcurrency(int requests) {
    if (requests < 1) {
      throw new IllegalArgumentException("statConcurrency must be at least 1: " + requests);
    }
    this.statConcurrency = requests;
    return this;
  }

  /**
   * Sets the bytes of part buffers held at once, across every transfer of the engine; a reader
   * waits when they are spent.
   *
   * @param bytes at least one part
   * @return this builder
   */
  public TransferEngineBuilder memoryBudget(long bytes) {
    if (bytes <= 0) {
      throw new IllegalArgumentException("memoryBudget must be positive: " + bytes);
    }
    this.memoryBudget = bytes;
    return this;
  }

  /**
   * Sets how retryable failures are retried.
   *
   * @param policy the policy
   * @return this builder
   */
  public TransferEngineBuilder retry(RetryPolicy policy) {
    this.retry = requireNonNull(policy, "policy is null");
    return this;
  }

  /**
   * Sets how long one object's transfer may take: no request or retry starts after it, and the
   * transfer fails, leaving nothing behind.
   *
   * @param perTransfer a positive duration
   * @return this builder
   */
  public TransferEngineBuilder deadline(Duration perTransfer) {
    if (perTransfer.isNegative() || perTransfer.isZero()) {
      throw new IllegalArgumentException("deadline must be positive: " + perTransfer);
    }
    this.deadline = perTransfer;
    return this;
  }

  /**
   * Limits the bytes sent and received per second, shared by every transfer of the engine.
   *
   * @param bytes at least 1
   * @return this builder
   */
  public TransferEngineBuilder bandwidthLimit(long bytes) {
    if (bytes < 1) {
      throw new IllegalArgumentException("bandwidthLimit must be at least 1: " + bytes);
    }
    this.bytesPerSecond = bytes;
    return this;
  }

  /**
   * Sets how many objects a multi-object transfer ({@link TransferEngine#copyAll copyAll}, {@link
   * TransferEngine#sync sync} and the like) lists ahead of its transfers, on a thread of its own:
   * the {@link TransferListener#onQueued listener hears} each as it is found, so the work ahead is
   * known before the transfers reach it, and the whole of it for a batch up to this size. Each
   * holds its listing entry in memory until its transfer starts. 10,000 by default.
   *
   * @param objects at least 1
   * @return this builder
   */
  public TransferEngineBuilder listAhead(int objects) {
    if (objects < 1) {
      throw new IllegalArgumentException("listAhead must be at least 1: " + objects);
    }
    this.listAhead = objects;
    return this;
  }

  /**
   * Sets who hears the progress of every transfer.
   *
   * @param listener the listener
   * @return this builder
   */
  public TransferEngineBuilder listener(TransferListener listener) {
    this.listener = requireNonNull(listener, "listener is null");
    return this;
  }

  /**
   * Sets who hears each request sent to a store, for metrics or tracing (none by default).
   *
   * @param observer the observer
   * @return this builder
   */
  public TransferEngineBuilder requestObserver(RequestObserver observer) {
    this.observer = requireNonNull(observer, "observer is null");
    return this;
  }

  /**
   * Keeps multipart uploads whose abort failed in this file, for {@link TransferEngine#sweep}.
   *
   * @param file the journal, created when first needed
   * @return this builder
   */
  public TransferEngineBuilder abortJournal(Path file) {
    this.abortJournal = requireNonNull(file, "file is null");
    return this;
  }

  /**
   * Keeps, in this directory, a small file for every multipart upload from a local file or an
   * object (an {@link TransferEngine#upload(Path, ObjectStore, String, WriteOptions) upload} of a
   * file, or a {@link TransferEngine#copy copy} from any store whose objects have an ETag) while it
   * runs, so that the same upload after a kill continues: the parts the target holds whose size and
   * checksum (or MD5 ETag) match the source's bytes, read again, are kept; only the rest is sent. A
   * file whose size, time or first and last MiB changed since starts over, as does an object whose
   * size, ETag or time did. Streams are not journaled: their bytes cannot be read again. Off by
   * default. The files hold no secret; the format is in docs/resume.md.
   *
   * @param directory the directory, created when first needed
   * @return this builder
   */
  public TransferEngineBuilder resumeJournal(Path directory) {
    this.resumeJournal = requireNonNull(directory, "directory is null");
    return this;
  }

  /**
   * Computes and reports these checksums for every transfer, besides CRC-32C and those the stores
   * record.
   *
   * @param algorithms {@link ChecksumAlgorithm#CRC32C} or {@link ChecksumAlgorithm#CRC64ECMA}
   * @return this builder
   * @throws IllegalArgumentException for an algorithm the engine cannot combine across parts
   */
  public TransferEngineBuilder checksums(ChecksumAlgorithm... algorithms) {
    for (ChecksumAlgorithm algorithm : algorithms) {
      Crc crc = Crc.of(algorithm);
      if (crc == null) {
        throw new IllegalArgumentException(
            algorithm + " cannot be combined across parts; use CRC32C or CRC64ECMA");
      }
      checksums.add(crc);
    }
    return this;
  }

  /**
   * Reads a written object back when the store reports no checksum the engine computed, neither in
   * its answer to the write nor in a stat, instead of comparing the size only. Off by default: it
   * reads every such object once more.
   *
   * @param enabled true to read back
   * @return this builder
   */
  public TransferEngineBuilder verifyByReadingBack(boolean enabled) {
    this.readBack = enabled;
    return this;
  }

  /**
   * Returns the engine.
   *
   * @return the engine
   * @throws IllegalArgumentException if the budget cannot hold one part
   */
  public TransferEngine build() {
    if (memoryBudget < partSize) {
      throw new IllegalArgumentException(
          "the memory budget of " + memoryBudget + " bytes cannot hold one part of " + partSize);
    }
    return new TransferEngine(
        new EngineResources(
            partSize,
            concurrency,
            statConcurrency,
            listAhead,
            memoryBudget,
            retry,
            Optional.ofNullable(deadline),
            Optional.ofNullable(bytesPerSecond),
            listener,
            observer,
            Optional.ofNullable(abortJournal).map(AbortJournal::new),
            Optional.ofNullable(resumeJournal).map(ResumeJournal::new),
            checksums,
            readBack));
  }
}
