package dev.stowage.engine;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.DeleteResult;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Page;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.TransientStorageException;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wire has no place between the engine and a filesystem store, so the faults a disk gives go in
 * at the store's boundary: this store passes every call to a real store and, on the calls that
 * match (every other one by default), a given number of times, fails or damages a write or a read.
 * It counts what fired.
 */
final class FaultyStore implements ObjectStore {
  /** What goes wrong. */
  enum Kind {
    /** A write fails with an I/O error before any byte is written. */
    IO_ERROR_BEFORE_WRITE(true),
    /** The source fails after 1,000 bytes have gone into the store. */
    SOURCE_FAILS_MID_WRITE(true),
    /** Byte 777 of what the store receives is flipped. */
    FLIP_BYTE_ON_WRITE(true),
    /** A read fails with an I/O error after 1,000 bytes. */
    IO_ERROR_DURING_READ(false),
    /** A read ends, without an error, after 1,000 bytes: a short read that looks complete. */
    TRUNCATED_READ(false),
    /** Byte 777 of a read is flipped on its way out of the store. */
    FLIP_BYTE_ON_READ(false);

    final boolean onWrite;

    Kind(boolean onWrite) {
      this.onWrite = onWrite;
    }
  }

  private static final int AT_BYTE = 1_000;
  private static final int FLIP_AT = 777;

  private final ObjectStore store;
  private final Map<Kind, Integer> fired = new EnumMap<>(Kind.class);
  private Kind armed;
  private String keyPrefix = "";
  private int remaining;
  private int every = 2;
  private long matched;
  private long copyLimit = -1;
  private Set<Capability> withdrawn = Set.of();

  FaultyStore(ObjectStore store) {
    this.store = store;
  }

  /** Arms a fault for every other call on keys under a prefix, replacing any armed one. */
  void inject(Kind kind, String prefix, int times) {
    inject(kind, prefix, times, 2);
  }

  /** Arms a fault for every {@code nth} call on keys under a prefix, from the first. */
  synchronized void inject(Kind kind, String prefix, int times, int nth) {
    armed = kind;
    keyPrefix = prefix;
    remaining = times;
    every = nth;
    matched = 0;
  }

  synchronized int pending() {
    return remaining;
  }

  synchronized void clear() {
    armed = null;
    remaining = 0;
  }

  synchronized Map<Kind, Integer> fired() {
    return new EnumMap<>(fired);
  }

  /** Returns the fault to inject into this call, if one fires. */
  private synchronized Optional<Kind> fires(String key, boolean write) {
    if (armed == null || remaining == 0 || armed.onWrite != write || !key.startsWith(keyPrefix)) {
      return Optional.empty();
    }
    if (matched++ % every != 0) {
      return Optional.empty();
    }
    remaining--;
    fired.merge(armed, 1, Integer::sum);
    return Optional.of(armed);
  }

  private Content damaged(String key, StorageOperation operation, Content content) {
    Optional<Kind> fault = fires(key, true);
    if (fault.isEmpty()) {
      return content;
    }
    return switch (fault.get()) {
      case IO_ERROR_BEFORE_WRITE ->
          throw new TransientStorageException(
              ErrorContext.of(operation, location()).withKey(key),
              "injected: an I/O error (EIO) before the write. Try again.");
      case SOURCE_FAILS_MID_WRITE -> failingAfter(content);
      default -> flipped(content);
    };
  }

  private static Content failingAfter(Content content) {
    return new Derived(content) {
      @Override
      public InputStream open() throws IOException {
        return new Damage(content.open()) {
          @Override
          int before(int position) throws IOException {
            if (position >= AT_BYTE) {
              throw new IOException("injected: the source failed after " + AT_BYTE + " bytes");
            }
            return AT_BYTE - position;
          }
        };
      }
    };
  }

  private static Content flipped(Content content) {
    return new Derived(content) {
      @Override
      public InputStream open() throws IOException {
        return flipping(content.open());
      }
    };
  }

  private static InputStream flipping(InputStream in) {
    return new Damage(in) {
      @Override
      int before(int position) {
        return Integer.MAX_VALUE;
      }

      @Override
      void got(byte[] bytes, int offset, int count, long position) {
        if (position <= FLIP_AT && FLIP_AT < position + count) {
          bytes[offset + (int) (FLIP_AT - position)] ^= 0x5a;
        }
      }
    };
  }

  @Override
  public InputStream get(String key, ByteRange range) {
    InputStream in = store.get(key, range);
    Optional<Kind> fault = fires(key, false);
    if (fault.isEmpty()) {
      return in;
    }
    return switch (fault.get()) {
      case IO_ERROR_DURING_READ ->
          new Damage(in) {
            @Override
            int before(int position) throws IOException {
              if (position >= AT_BYTE) {
                throw new IOException("injected: an I/O error after " + AT_BYTE + " bytes");
              }
              return AT_BYTE - position;
            }
          };
      case TRUNCATED_READ ->
          new Damage(in) {
            @Override
            int before(int position) {
              return Math.max(0, AT_BYTE - position);
            }
          };
      default -> flipping(in);
    };
  }

  @Override
  public ObjectInfo put(String key, Content content, WriteOptions options) {
    return store.put(key, damaged(key, StorageOperation.WRITE, content), options);
  }

  @Override
  public CompletedPart uploadPart(MultipartUpload upload, int partNumber, Content content) {
    return store.uploadPart(
        upload, partNumber, damaged(upload.key(), StorageOperation.UPLOAD_PART, content));
  }

  @Override
  public CompletedPart uploadPart(
      MultipartUpload upload,
      int partNumber,
      Content content,
      Map<ChecksumAlgorithm, String> expectedChecksums) {
    return store.uploadPart(
        upload,
        partNumber,
        damaged(upload.key(), StorageOperation.UPLOAD_PART, content),
        expectedChecksums);
  }

  @Override
  public StorageLocation location() {
    return store.location();
  }

  /**
   * Lets the store copy server-side, with a single-copy limit lowered to {@code maxCopySize}, so
   * that copies above it go part by part ({@link ObjectStore#copyPart}). A copy's bytes then pass
   * no fault.
   */
  synchronized FaultyStore copiesAbove(long maxCopySize) {
    copyLimit = maxCopySize;
    return this;
  }

  /** Withdraws features the store declares, as a profile or an override would. */
  synchronized FaultyStore without(Capability... features) {
    withdrawn = Set.of(features);
    return this;
  }

  @Override
  public synchronized Capabilities capabilities() {
    Capabilities.Builder declared = store.capabilities().toBuilder().withoutFeatures(withdrawn);
    if (copyLimit < 0) {
      // no server-side copy: a copy's bytes must pass through the faults
      return declared.withoutFeatures(Set.of(Capability.COPY, Capability.MULTIPART_COPY)).build();
    }
    return declared.maxCopySize(copyLimit).build();
  }

  @Override
  public ObjectInfo copy(String sourceKey, String targetKey, WriteOptions options) {
    return store.copy(sourceKey, targetKey, options);
  }

  @Override
  public CompletedPart copyPart(
      MultipartUpload upload, int partNumber, ObjectInfo source, ByteRange range) {
    return store.copyPart(upload, partNumber, source, range);
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    return store.stat(key);
  }

  @Override
  public ListPage list(ListRequest request) {
    return store.list(request);
  }

  @Override
  public void delete(String key) {
    store.delete(key);
  }

  @Override
  public DeleteResult deleteAll(List<String> keys) {
    return store.deleteAll(keys);
  }

  @Override
  public MultipartUpload initiateMultipart(String key, WriteOptions options) {
    return store.initiateMultipart(key, options);
  }

  @Override
  public ObjectInfo completeMultipart(MultipartUpload upload, List<CompletedPart> parts) {
    return store.completeMultipart(upload, parts);
  }

  @Override
  public void abortMultipart(MultipartUpload upload) {
    store.abortMultipart(upload);
  }

  @Override
  public Page<MultipartUpload> listMultipartUploads(String prefix, String token) {
    return store.listMultipartUploads(prefix, token);
  }

  @Override
  public Page<CompletedPart> listParts(MultipartUpload upload, String token) {
    return store.listParts(upload, token);
  }

  @Override
  public void close() {
    store.close();
  }

  /** Content of the same length as another, whose stream is damaged. */
  private abstract static class Derived implements Content {
    private final Content content;

    Derived(Content content) {
      this.content = content;
    }

    @Override
    public long length() {
      return content.length();
    }
  }

  /**
   * A stream that asks, before each read, how many bytes may pass from the current position (0 is
   * the end, and {@link #before} may throw), and may change the bytes read. It extends {@link
   * InputStream}, not a filter, so that skipping reads through it too.
   */
  private abstract static class Damage extends InputStream {
    private final InputStream in;
    private int position;

    Damage(InputStream in) {
      this.in = in;
    }

    abstract int before(int position) throws IOException;

    void got(byte[] bytes, int offset, int count, long position) {}

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int count) throws IOException {
      if (count == 0) {
        return 0;
      }
      int allowed = before(position);
      if (allowed <= 0) {
        return -1;
      }
      int n = in.read(bytes, offset, Math.min(count, allowed));
      if (n > 0) {
        got(bytes, offset, n, position);
        position += n;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
