package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.internal.Listings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Moves objects into, out of and between stores of any providers, in parallel, in bounded memory,
 * verified end to end.
 *
 * <ul>
 *   <li><b>Memory</b>: streams of unknown length are cut into part buffers taken from one byte
 *       budget shared by every transfer of the engine (a reader waits while it is spent); files and
 *       other known-length content are sent as slices that hold no engine buffer.
 *   <li><b>Concurrency</b>: at most {@link Builder#concurrency} requests are in flight across every
 *       transfer, files and parts together; throttling answers lower the bound and successes raise
 *       it back. Metadata fan-outs have their own bound, {@link Builder#statConcurrency}.
 *   <li><b>Integrity</b>: CRC-32C (and CRC-64/ECMA where a store records it) of the bytes is
 *       computed as the store reads them, combined across parts, and compared with what the source
 *       records and what the target reports; a mismatch is an {@link IntegrityException} and the
 *       bad object is deleted. Downloads are verified the same way before the file appears under
 *       its name.
 *   <li><b>Cleanup</b>: a failed multipart upload is aborted once its parts have settled, and
 *       checked gone; an upload whose abort failed is logged and, with an {@link
 *       Builder#abortJournal abort journal}, kept for {@link #sweep}.
 *   <li><b>Retries</b>: requests that fail with an error the api marks retryable are sent again
 *       from a replayable source, with exponential backoff and full jitter, within the transfer's
 *       {@link Builder#deadline deadline}.
 * </ul>
 *
 * <p>Thread-safe; close it to stop its threads.
 */
public final class TransferEngine implements AutoCloseable {
  /** Reads of one download before bytes that fail their check fail it. */
  private static final int INTEGRITY_READS = 2;

  /** Objects up to this size are written with one request when the target allows it. */
  public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

  /** Requests in flight at once, by default. */
  public static final int DEFAULT_CONCURRENCY = 8;

  /** Stats in flight at once in a metadata fan-out, by default (as Litestream uses). */
  public static final int DEFAULT_STAT_CONCURRENCY = 50;

  /** Bytes of part buffers held at once by default: 16 parts of the default size. */
  public static final long DEFAULT_MEMORY_BUDGET = 16 * DEFAULT_PART_SIZE;

  private final EngineResources engine;

  private TransferEngine(EngineResources engine) {
    this.engine = engine;
  }

  /**
   * Returns an engine with the defaults: 8 MiB parts, 8 requests at once, a 128 MiB budget, {@link
   * RetryPolicy#DEFAULT}, no deadline, no bandwidth limit.
   *
   * @return the engine
   */
  public static TransferEngine create() {
    return builder().build();
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Uploads a stream of unknown length: one write if it is shorter than a part, else a multipart
   * upload whose parts go up in parallel within the engine's memory budget. The stream is read to
   * its end but not closed.
   *
   * @param in the stream
   * @param target the store to write
   * @param key the key to write
   * @param options metadata and create-only
   * @return what was written, with bytes, parts, retries, duration and checksums
   * @throws IntegrityException if the bytes did not arrive intact; the key holds no new object
   * @throws StorageException for any other failure; a multipart upload was aborted
   */
  public TransferResult upload(
      InputStream in, ObjectStore target, String key, WriteOptions options) {
    requireNonNull(in, "in is null");
    check(target, key, options);
    return engine.observe(key, () -> new StreamingUpload(engine, target, key, options).run(in));
  }

  /**
   * Uploads content of known length: one write if it fits in a part, else a multipart upload of
   * slices of the content in parallel.
   *
   * @param content the bytes
   * @param target the store to write
   * @param key the key to write
   * @param options metadata and create-only
   * @return what was written
   * @throws IntegrityException if the bytes did not arrive intact; the key holds no new object
   * @throws StorageException for any other failure; a multipart upload was aborted
   */
  public TransferResult upload(
      Content content, ObjectStore target, String key, WriteOptions options) {
    requireNonNull(content, "content is null");
    check(target, key, options);
    return engine.observe(
        key, () -> SlicedUpload.run(engine, content, target, key, options, Map.of()));
  }

  /**
   * Uploads a file, its parts read as slices of the file.
   *
   * @param file the file
   * @param target the store to write
   * @param key the key to write
   * @param options metadata and create-only
   * @return what was written
   * @throws UncheckedIOException if the file cannot be read
   * @throws StorageException for any failure of the store
   */
  public TransferResult upload(Path file, ObjectStore target, String key, WriteOptions options) {
    requireNonNull(file, "file is null");
    try {
      return upload(Content.ofFile(file), target, key, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Copies one object from a store to another (or the same) store; a large object is copied as
   * ranged reads of the source in parallel, each feeding one part.
   *
   * @param source the store to read
   * @param sourceKey the key to read
   * @param target the store to write
   * @param targetKey the key to write
   * @param options metadata and create-only for the new object; the source's metadata is not copied
   * @return what was written
   * @throws ObjectNotFoundException if the source does not exist
   * @throws IntegrityException if the bytes did not arrive intact; the target key holds no new
   *     object
   * @throws StorageException for any other failure of either store
   */
  public TransferResult copy(
      ObjectStore source,
      String sourceKey,
      ObjectStore target,
      String targetKey,
      WriteOptions options) {
    requireNonNull(source, "source is null");
    requireNonNull(sourceKey, "sourceKey is null");
    check(target, targetKey, options);
    ObjectInfo info =
        source
            .stat(sourceKey)
            .orElseThrow(
                () ->
                    new ObjectNotFoundException(
                        ErrorContext.of(StorageOperation.READ, source.location())
                            .withKey(sourceKey),
                        "no such object. List the location to see its keys."));
    return copy(source, info, target, targetKey, options);
  }

  private TransferResult copy(
      ObjectStore source, ObjectInfo info, ObjectStore target, String key, WriteOptions options) {
    Content content = new StoreContent(source, info.key(), info.size(), 0, info.size());
    return engine.observe(
        key, () -> SlicedUpload.run(engine, content, target, key, options, info.checksums()));
  }

  /**
   * Downloads an object to a file: ranges fetched in parallel into a temporary file beside it, a
   * cut range resumed where it stopped, the file renamed into place only when complete, verified
   * and synced. Bytes that fail the check (damaged in transit, or the object changed while read)
   * are read once more from the start before the download fails. Missing parent directories are
   * created.
   *
   * @param source the store to read
   * @param key the key to read
   * @param file the file to write; replaced if it exists
   * @return what was read, with the source object's info
   * @throws ObjectNotFoundException if there is no such object
   * @throws IntegrityException if the bytes do not match the store's record; no file was written
   * @throws StorageException for any other failure; no file was written
   */
  public TransferResult download(ObjectStore source, String key, Path file) {
    requireNonNull(source, "source is null");
    requireNonNull(key, "key is null");
    requireNonNull(file, "file is null");
    return engine.observe(
        key,
        () -> {
          for (int read = 1; ; read++) {
            try {
              return new RangedDownload(engine, source, key, file).run();
            } catch (IntegrityException e) {
              if (read >= INTEGRITY_READS) {
                throw e;
              }
            }
          }
        });
  }

  /**
   * Opens an object as a stream that can seek and read at positions. A read cut short resumes from
   * the byte where it stopped, within the retry policy and deadline, and only while the object is
   * unchanged; read whole and in order, the bytes are verified against the store's checksums (see
   * {@link ObjectReadStream}).
   *
   * @param source the store to read
   * @param key the key to read
   * @return the stream; the caller closes it
   * @throws ObjectNotFoundException if there is no such object
   * @throws StorageException if the store cannot describe it
   */
  public ObjectReadStream open(ObjectStore source, String key) {
    requireNonNull(source, "source is null");
    requireNonNull(key, "key is null");
    ErrorContext context = ErrorContext.of(StorageOperation.READ, source.location()).withKey(key);
    Transfer transfer = new Transfer(engine, context, key, -1);
    return new ObjectReadStream(engine, source, transfer.existing(source, key), transfer);
  }

  /**
   * Returns a stream whose bytes become an object when it is closed: streamed up as {@link
   * #upload(InputStream, ObjectStore, String, WriteOptions)} does, so within the memory budget and
   * verified; nothing appears if the upload fails or {@link ObjectWriteStream#cancel()} is called.
   *
   * @param target the store to write
   * @param key the key to write
   * @param options metadata and create-only
   * @return the stream; the caller closes it to publish the object, or cancels it
   */
  public ObjectWriteStream newUpload(ObjectStore target, String key, WriteOptions options) {
    check(target, key, options);
    String description = key + " in " + target.location();
    return new ObjectWriteStream(engine, description, in -> upload(in, target, key, options));
  }

  /**
   * Copies every object under a prefix to another prefix of another (or the same) store, listing as
   * it goes: at most {@link Builder#concurrency} objects in flight, small ones as single writes.
   *
   * @param source the store to read
   * @param sourcePrefix the prefix to copy, such as {@code "logs/"}; empty for all
   * @param target the store to write
   * @param targetPrefix what replaces {@code sourcePrefix} in each key
   * @param options metadata and create-only for every new object
   * @return the objects copied and each that failed
   * @throws StorageException if the listing fails, or a failure would fail every object
   */
  public BatchResult copyAll(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      WriteOptions options) {
    requireNonNull(source, "source is null");
    requireNonNull(target, "target is null");
    requireNonNull(sourcePrefix, "sourcePrefix is null");
    requireNonNull(targetPrefix, "targetPrefix is null");
    requireNonNull(options, "options is null");
    try (Stream<ObjectInfo> objects = Listings.objects(source, ListRequest.of(sourcePrefix))) {
      return BatchRunner.run(
          engine,
          objects.iterator(),
          ObjectInfo::key,
          object -> {
            String key = targetPrefix + object.key().substring(sourcePrefix.length());
            ObjectInfo info = object;
            if (object.size() > engine.partSize) {
              // large objects are read in ranges, which the source cannot check whole: compare
              // with its recorded checksums instead
              info = source.stat(object.key()).orElse(object);
            }
            return copy(source, info, target, key, options).bytes();
          });
    }
  }

  /**
   * Uploads every regular file under a directory, walking it as it goes; keys are {@code prefix}
   * followed by each file's path relative to the directory, with {@code /} separators.
   *
   * @param directory the directory
   * @param target the store to write
   * @param prefix the prefix of every key, such as {@code "backup/"}; empty for none
   * @param options metadata and create-only for every new object
   * @return the files uploaded and each that failed
   * @throws UncheckedIOException if the directory cannot be walked
   * @throws StorageException if a failure would fail every file
   */
  public BatchResult uploadAll(
      Path directory, ObjectStore target, String prefix, WriteOptions options) {
    requireNonNull(directory, "directory is null");
    requireNonNull(target, "target is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(options, "options is null");
    try (Stream<Path> files = Files.walk(directory)) {
      Iterator<Path> regular = files.filter(Files::isRegularFile).iterator();
      return BatchRunner.run(
          engine,
          regular,
          file -> keyOf(directory, file, prefix),
          file -> upload(file, target, keyOf(directory, file, prefix), options).bytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + directory + ": " + e.getMessage(), e);
    }
  }

  private static String keyOf(Path directory, Path file, String prefix) {
    StringBuilder key = new StringBuilder(prefix);
    Path relative = directory.relativize(file);
    for (int i = 0; i < relative.getNameCount(); i++) {
      key.append(i == 0 ? "" : "/").append(relative.getName(i));
    }
    return key.toString();
  }

  /**
   * Downloads every object under a prefix into a directory, listing as it goes; each file is the
   * key without the prefix, resolved against the directory, and written as {@link #download} does.
   *
   * @param source the store to read
   * @param prefix the prefix to download, such as {@code "backup/"}; empty for all
   * @param directory the directory to write into
   * @return the objects downloaded and each that failed
   * @throws StorageException if the listing fails, or a failure would fail every object
   */
  public BatchResult downloadAll(ObjectStore source, String prefix, Path directory) {
    requireNonNull(source, "source is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(directory, "directory is null");
    Path root = directory.toAbsolutePath().normalize();
    try (Stream<ObjectInfo> objects = Listings.objects(source, ListRequest.of(prefix))) {
      Iterator<ObjectInfo> files = objects.filter(o -> !o.key().endsWith("/")).iterator();
      return BatchRunner.run(
          engine,
          files,
          ObjectInfo::key,
          object -> {
            Path file = root.resolve(object.key().substring(prefix.length())).normalize();
            if (!file.startsWith(root) || file.equals(root)) {
              throw new InvalidKeyException(
                  ErrorContext.of(StorageOperation.READ, source.location()).withKey(object.key()),
                  "the key would be written outside " + root + "; it was skipped.");
            }
            return download(source, object.key(), file).bytes();
          });
    }
  }

  /**
   * Deletes many keys in batches of the store's declared size, several batches at once, retrying
   * keys that failed retryably; the keys are consumed as the deletion goes.
   *
   * @param store the store
   * @param keys the keys, for example a listing's keys
   * @return how many were deleted, and each that may remain with why
   * @throws StorageException if a whole batch request fails, or the keys' source fails
   */
  public DeleteReport deleteAll(ObjectStore store, Stream<String> keys) {
    requireNonNull(store, "store is null");
    requireNonNull(keys, "keys is null");
    try (keys) {
      return FanOut.delete(engine, store, keys.iterator());
    }
  }

  /**
   * Stats many keys with at most {@link Builder#statConcurrency} requests in flight.
   *
   * @param store the store
   * @param keys the keys
   * @return each key's info, or empty if it does not exist, in the order of {@code keys}
   * @throws StorageException the first error that survived its retries; the remaining stats were
   *     not sent
   */
  public List<Optional<ObjectInfo>> statAll(ObjectStore store, List<String> keys) {
    requireNonNull(store, "store is null");
    return FanOut.stat(engine, store, new ArrayList<>(keys));
  }

  /**
   * Aborts abandoned multipart uploads under a prefix: those that began at least {@code olderThan}
   * ago, and any the abort journal holds for this store.
   *
   * @param store the store
   * @param prefix the key prefix; empty for the whole store
   * @param olderThan how old an upload must be; uploads still running are younger
   * @return what was found and aborted
   * @throws StorageException if the uploads cannot be listed
   */
  public SweepResult sweep(ObjectStore store, String prefix, Duration olderThan) {
    requireNonNull(store, "store is null");
    requireNonNull(prefix, "prefix is null");
    if (olderThan.isNegative()) {
      throw new IllegalArgumentException("olderThan is negative: " + olderThan);
    }
    return Sweeper.sweep(engine, store, prefix, olderThan, Instant.now());
  }

  /**
   * Returns the engine's counters.
   *
   * @return requests, retries, throttling, the current concurrency bound and peak buffer use
   */
  public EngineMetrics metrics() {
    return new EngineMetrics(
        engine.limiter.requests(),
        engine.retries.get(),
        engine.limiter.throttled(),
        engine.limiter.limit(),
        engine.budget.peak());
  }

  /** Stops the engine's threads; transfers in progress fail. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }

  private static void check(ObjectStore target, String key, WriteOptions options) {
    requireNonNull(target, "target is null");
    requireNonNull(key, "key is null");
    requireNonNull(options, "options is null");
  }

  /** Builds a {@link TransferEngine}. */
  public static final class Builder {
    private long partSize = DEFAULT_PART_SIZE;
    private int concurrency = DEFAULT_CONCURRENCY;
    private int statConcurrency = DEFAULT_STAT_CONCURRENCY;
    private long memoryBudget = DEFAULT_MEMORY_BUDGET;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private Duration deadline;
    private Long bytesPerSecond;
    private TransferListener listener = TransferListener.NONE;
    private Path abortJournal;
    private final List<Crc> checksums = new ArrayList<>();

    private Builder() {}

    /**
     * Sets the preferred part size (raised to a store's minimum, grown for long streams); objects
     * up to this size are written with one request.
     *
     * @param bytes 1 byte to 2 GiB
     * @return this builder
     */
    public Builder partSize(long bytes) {
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
    public Builder concurrency(int requests) {
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
    public Builder statConcurrency(int requests) {
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
    public Builder memoryBudget(long bytes) {
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
    public Builder retry(RetryPolicy policy) {
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
    public Builder deadline(Duration perTransfer) {
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
    public Builder bandwidthLimit(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("bandwidthLimit must be at least 1: " + bytes);
      }
      this.bytesPerSecond = bytes;
      return this;
    }

    /**
     * Sets who hears the progress of every transfer.
     *
     * @param listener the listener
     * @return this builder
     */
    public Builder listener(TransferListener listener) {
      this.listener = requireNonNull(listener, "listener is null");
      return this;
    }

    /**
     * Keeps multipart uploads whose abort failed in this file, for {@link TransferEngine#sweep}.
     *
     * @param file the journal, created when first needed
     * @return this builder
     */
    public Builder abortJournal(Path file) {
      this.abortJournal = requireNonNull(file, "file is null");
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
    public Builder checksums(ChecksumAlgorithm... algorithms) {
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
              memoryBudget,
              retry,
              Optional.ofNullable(deadline),
              Optional.ofNullable(bytesPerSecond),
              listener,
              Optional.ofNullable(abortJournal).map(AbortJournal::new),
              checksums));
    }
  }
}
