package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * Moves objects between stores of any providers and verifies them end to end: the CRC-32C of the
 * bytes read from the source must match what the source and the target record, and the target's
 * size must match, or the new object is deleted and the transfer fails.
 *
 * <p>A stream of unknown length ({@link #upload(InputStream, ObjectStore, String, WriteOptions)})
 * is cut into parts uploaded in parallel by the engine's workers, within one memory budget shared
 * by every transfer of the engine, with retries of retryable failures and an abort on any other. A
 * {@link Content} of known length ({@link #upload(Content, ObjectStore, String, WriteOptions)},
 * {@link #copy}) is still sent one part at a time (memory: one part). Thread-safe; close it to stop
 * its workers.
 */
public final class TransferEngine implements AutoCloseable {
  /** Objects up to this size are written with one request when the target allows it. */
  public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

  /** Parts uploaded at once, by default. */
  public static final int DEFAULT_CONCURRENCY = 8;

  /** Bytes of part buffers held at once by default: 16 parts of the default size. */
  public static final long DEFAULT_MEMORY_BUDGET = 16 * DEFAULT_PART_SIZE;

  private final long partSize;
  private final MemoryBudget budget;
  private final RetryPolicy retry;
  private final ExecutorService workers;

  private TransferEngine(Builder builder) {
    this.partSize = builder.partSize;
    this.budget = new MemoryBudget(builder.memoryBudget);
    this.retry = builder.retry;
    AtomicInteger threads = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            builder.concurrency,
            runnable -> {
              Thread thread = new Thread(runnable, "stowage-part-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Returns an engine with the defaults: 8 MiB parts, 8 at once, a 128 MiB budget, {@link
   * RetryPolicy#DEFAULT}.
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
   * Returns an engine that cuts multipart uploads into parts of about this size (raised to the
   * target's minimum, or as needed to stay within its part count).
   *
   * @param partSize the preferred part size in bytes
   * @return the engine
   */
  public static TransferEngine withPartSize(long partSize) {
    return builder().partSize(partSize).build();
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
   * @return what was written, with bytes, parts, retries, duration and the CRC-32C
   * @throws IntegrityException if the bytes did not arrive intact; the key holds no new object
   * @throws StorageException for any other failure; a multipart upload was aborted
   */
  public TransferResult upload(
      InputStream in, ObjectStore target, String key, WriteOptions options) {
    requireNonNull(in, "in is null");
    requireNonNull(key, "key is null");
    return new StreamingUpload(target, key, options, partSize, budget, workers, retry).run(in);
  }

  /** The peak of part-buffer bytes held at once since the engine started. */
  long peakBufferedBytes() {
    return budget.peak();
  }

  /** Stops the part workers; transfers in progress fail. Idempotent. */
  @Override
  public void close() {
    workers.shutdownNow();
  }

  /** Builds a {@link TransferEngine}. */
  public static final class Builder {
    private long partSize = DEFAULT_PART_SIZE;
    private int concurrency = DEFAULT_CONCURRENCY;
    private long memoryBudget = DEFAULT_MEMORY_BUDGET;
    private RetryPolicy retry = RetryPolicy.DEFAULT;

    private Builder() {}

    /**
     * Sets the preferred part size (raised to a store's minimum, grown for long streams).
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
     * Sets how many parts upload at once, across every transfer of the engine.
     *
     * @param parts at least 1
     * @return this builder
     */
    public Builder concurrency(int parts) {
      if (parts < 1) {
        throw new IllegalArgumentException("concurrency must be at least 1: " + parts);
      }
      this.concurrency = parts;
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
      return new TransferEngine(this);
    }
  }

  /**
   * Copies one object from a store to another (or the same) store.
   *
   * @param source the store to read
   * @param sourceKey the key to read
   * @param target the store to write
   * @param targetKey the key to write
   * @param options metadata and create-only for the new object; the source's metadata is not copied
   * @return the new object's info
   * @throws ObjectNotFoundException if the source does not exist
   * @throws IntegrityException if the bytes did not arrive intact; the target key holds no new
   *     object
   * @throws StorageException for any other failure of either store
   */
  public ObjectInfo copy(
      ObjectStore source,
      String sourceKey,
      ObjectStore target,
      String targetKey,
      WriteOptions options) {
    ObjectInfo info =
        source
            .stat(sourceKey)
            .orElseThrow(
                () ->
                    new ObjectNotFoundException(
                        ErrorContext.of(StorageOperation.READ, source.location())
                            .withKey(sourceKey),
                        "no such object. List the location to see its keys."));
    Optional<String> sourceCrc =
        Optional.ofNullable(info.checksums().get(ChecksumAlgorithm.CRC32C));
    Content content = new StoreContent(source, sourceKey, info.size());
    return upload(content, sourceCrc, target, targetKey, options);
  }

  /**
   * Writes content to a store.
   *
   * @param content the bytes
   * @param target the store to write
   * @param key the key to write
   * @param options metadata and create-only
   * @return the new object's info
   * @throws IntegrityException if the bytes did not arrive intact; the key holds no new object
   * @throws StorageException for any other failure
   */
  public ObjectInfo upload(Content content, ObjectStore target, String key, WriteOptions options) {
    return upload(content, Optional.empty(), target, key, options);
  }

  private ObjectInfo upload(
      Content content,
      Optional<String> expectedCrc,
      ObjectStore target,
      String key,
      WriteOptions options) {
    requireNonNull(key, "key is null");
    Capabilities limits = target.capabilities();
    long length = content.length();
    boolean multipart = limits.supports(Capability.MULTIPART);
    ObjectInfo written;
    String crc;
    if (length <= limits.maxSingleWriteSize() && (length <= partSize || !multipart)) {
      ChecksummedContent checksummed = new ChecksummedContent(content);
      written = target.put(key, checksummed, options);
      crc =
          checksummed
              .lastCompleteCrc()
              .orElseThrow(
                  () -> new IllegalStateException("the store did not read the whole content"));
    } else if (multipart) {
      MultipartResult result = uploadInParts(content, target, key, options);
      written = result.info();
      crc = result.crc();
    } else {
      throw new UnsupportedCapabilityException(
          ErrorContext.of(StorageOperation.WRITE, target.location()).withKey(key),
          length
              + " bytes is more than this store's single-write limit of "
              + limits.maxSingleWriteSize()
              + " and it does not support multipart uploads.");
    }
    verify(written, length, crc, expectedCrc, target, key);
    return written;
  }

  static void verify(
      ObjectInfo written,
      long length,
      String crc,
      Optional<String> expectedCrc,
      ObjectStore target,
      String key) {
    ErrorContext context = ErrorContext.of(StorageOperation.WRITE, target.location()).withKey(key);
    String problem = null;
    if (expectedCrc.isPresent() && !expectedCrc.get().equals(crc)) {
      problem =
          "the bytes read have CRC-32C " + crc + " but the source records " + expectedCrc.get();
    } else if (written.size() != length) {
      problem = "the store holds " + written.size() + " bytes where " + length + " were sent";
    } else {
      String stored = written.checksums().get(ChecksumAlgorithm.CRC32C);
      if (stored != null && !stored.equals(crc)) {
        problem = "the store records CRC-32C " + stored + " where " + crc + " was sent";
      }
    }
    if (problem != null) {
      try {
        target.delete(key);
      } catch (StorageException e) {
        problem += "; deleting the bad object failed too (" + e.getMessage() + ")";
      }
      throw new IntegrityException(context, problem + ". Nothing was kept; copy again.");
    }
  }

  private record MultipartResult(ObjectInfo info, String crc) {}

  private MultipartResult uploadInParts(
      Content content, ObjectStore target, String key, WriteOptions options) {
    Capabilities limits = target.capabilities();
    long length = content.length();
    long size = Math.max(partSize, limits.minPartSize());
    size = Math.max(size, (length + limits.maxParts() - 1) / limits.maxParts());
    if (size > limits.maxPartSize() || size > Integer.MAX_VALUE - 8) {
      throw new UnsupportedCapabilityException(
          ErrorContext.of(StorageOperation.WRITE, target.location()).withKey(key),
          length
              + " bytes do not fit in "
              + limits.maxParts()
              + " parts of at most "
              + limits.maxPartSize()
              + " bytes.");
    }
    MultipartUpload upload = target.initiateMultipart(key, options);
    CRC32C crc = new CRC32C();
    try (InputStream in = content.open()) {
      List<CompletedPart> parts = new ArrayList<>();
      byte[] buffer = new byte[(int) Math.min(size, Math.max(length, 1))];
      long remaining = length;
      for (int number = 1; remaining > 0; number++) {
        int want = (int) Math.min(buffer.length, remaining);
        int got = in.readNBytes(buffer, 0, want);
        if (got < want) {
          throw new IntegrityException(
              ErrorContext.of(StorageOperation.UPLOAD_PART, target.location()).withKey(key),
              "the source ended "
                  + (remaining - got)
                  + " bytes before its declared length of "
                  + length);
        }
        crc.update(buffer, 0, got);
        parts.add(target.uploadPart(upload, number, Content.ofBytes(buffer, 0, got)));
        remaining -= got;
      }
      if (in.read() >= 0) {
        throw new IntegrityException(
            ErrorContext.of(StorageOperation.UPLOAD_PART, target.location()).withKey(key),
            "the source yields more than its declared length of " + length + " bytes");
      }
      ObjectInfo info = target.completeMultipart(upload, parts);
      return new MultipartResult(info, String.format("%08x", crc.getValue()));
    } catch (IOException e) {
      abortQuietly(target, upload, e);
      throw new PermanentStorageException(
          ErrorContext.of(StorageOperation.UPLOAD_PART, target.location()).withKey(key),
          "reading the source failed: " + e.getMessage(),
          e);
    } catch (RuntimeException | Error e) {
      abortQuietly(target, upload, e);
      throw e;
    }
  }

  private static void abortQuietly(ObjectStore target, MultipartUpload upload, Throwable failure) {
    try {
      target.abortMultipart(upload);
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** A store's object as replayable content: every open reads it again from the start. */
  private static final class StoreContent implements Content {
    private final ObjectStore store;
    private final String key;
    private final long length;

    StoreContent(ObjectStore store, String key, long length) {
      this.store = store;
      this.key = key;
      this.length = length;
    }

    @Override
    public long length() {
      return length;
    }

    @Override
    public InputStream open() {
      return store.get(key, ByteRange.ALL);
    }
  }

  /** Computes the CRC-32C of each stream a store opens, keeping that of the last one read whole. */
  private static final class ChecksummedContent implements Content {
    private final Content content;
    private volatile String lastCompleteCrc;

    ChecksummedContent(Content content) {
      this.content = content;
    }

    Optional<String> lastCompleteCrc() {
      return Optional.ofNullable(lastCompleteCrc);
    }

    @Override
    public long length() {
      return content.length();
    }

    @Override
    public InputStream open() throws IOException {
      if (content.length() == 0) {
        lastCompleteCrc = "00000000";
      }
      InputStream in = content.open();
      CRC32C crc = new CRC32C();
      return new java.io.FilterInputStream(in) {
        private long read;

        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0) {
            crc.update(b);
            count(1);
          }
          return b;
        }

        @Override
        public int read(byte[] target, int offset, int n) throws IOException {
          int got = super.read(target, offset, n);
          if (got > 0) {
            crc.update(target, offset, got);
            count(got);
          }
          return got;
        }

        @Override
        public long skip(long n) throws IOException {
          byte[] discard = new byte[8192];
          long skipped = 0;
          int got;
          while (skipped < n
              && (got = read(discard, 0, (int) Math.min(discard.length, n - skipped))) > 0) {
            skipped += got;
          }
          return skipped;
        }

        private void count(int n) {
          read += n;
          if (read == content.length()) {
            lastCompleteCrc = String.format("%08x", crc.getValue());
          }
        }
      };
    }
  }
}
