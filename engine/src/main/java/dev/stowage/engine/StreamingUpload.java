package dev.stowage.engine;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * One stream of unknown length into a store: a stream shorter than one part becomes a single write;
 * a longer one is cut into parts that upload in parallel, each buffer taken from the engine's
 * memory budget before it is filled and given back when its part is stored. Part sizes grow every
 * tenth of the store's part count, so that any length up to what the parts can hold fits. Any
 * failure stops the reading, lets the parts in flight settle, and aborts the upload.
 */
final class StreamingUpload {
  private final EngineResources engine;
  private final ObjectStore target;
  private final String key;
  private final WriteOptions options;
  private final long basePartSize;
  private final MemoryBudget budget;
  private final Transfer transfer;

  /** The first part's buffer on its way to {@link #sendParts}, so that no local pins it. */
  private Chunk firstPart;

  StreamingUpload(EngineResources engine, ObjectStore target, String key, WriteOptions options) {
    this.engine = engine;
    this.target = target;
    this.key = key;
    this.options = options;
    this.budget = engine.budget;
    this.transfer =
        new Transfer(
            engine,
            ErrorContext.of(StorageOperation.WRITE, target.location()).withKey(key),
            key,
            -1);
    Capabilities limits = target.capabilities();
    long base = Math.max(engine.partSize, limits.minPartSize());
    this.basePartSize = Math.min(base, Math.min(limits.maxPartSize(), budget.total()));
  }

  TransferResult run(InputStream in) {
    Capabilities limits = target.capabilities();
    if (limits.supports(Capability.MULTIPART) && basePartSize < limits.minPartSize()) {
      throw new IllegalArgumentException(
          "the memory budget of "
              + budget.total()
              + " bytes cannot hold one part of this store's minimum "
              + limits.minPartSize()
              + " bytes. Raise the budget.");
    }
    List<Crc> codes = Verification.codes(engine, limits, List.of());
    Chunk first;
    try {
      first = readChunk(in, basePartSize);
    } catch (Throwable e) {
      throw transfer.rethrow(e);
    }
    if (first.length() < basePartSize || !limits.supports(Capability.MULTIPART)) {
      try {
        if (first.length() == basePartSize && in.read() >= 0) {
          throw new UnsupportedCapabilityException(
              transfer.context,
              "the stream is longer than "
                  + basePartSize
                  + " bytes and this store does not support multipart uploads.");
        }
        transfer.totalBytes(first.length());
        return SingleWrite.run(transfer, target, key, first.content(), options, codes, Map.of());
      } catch (Throwable e) {
        throw transfer.rethrow(e);
      } finally {
        first.release();
      }
    }
    MultipartSession session = new MultipartSession(transfer, target, key, options, codes);
    try {
      session.begin();
    } catch (RuntimeException e) {
      first.release();
      throw e;
    }
    firstPart = first;
    first = null; // see sendParts
    MultipartSession.Result result;
    try {
      sendParts(session, in, limits);
      result = session.complete();
    } catch (Throwable e) {
      session.abort(e);
      throw transfer.rethrow(e);
    }
    return SingleWrite.finish(
        transfer, target, key, result.object(), result.sums(), Map.of(), result.parts());
  }

  /**
   * Hands each buffer to the session and reads the next. No variable keeps a buffer once it is
   * handed over: a reader waiting for budget must not pin a part it sent, which the budget no
   * longer counts (with 64 streams that was 64 buffers beyond the budget, found by the bench's
   * B10).
   */
  private void sendParts(MultipartSession session, InputStream in, Capabilities limits)
      throws IOException, InterruptedException {
    Chunk chunk = firstPart;
    firstPart = null;
    for (int number = 1; ; number++) {
      boolean full = chunk.length() == chunk.capacity();
      session.submit(number, chunk.content(), chunk::release);
      chunk = null;
      if (!full || transfer.failed()) {
        return; // the last, short part was sent, or a part failed
      }
      if (number == limits.maxParts()) {
        if (in.read() >= 0) {
          throw new UnsupportedCapabilityException(
              transfer.context,
              "the stream is longer than "
                  + limits.maxParts()
                  + " parts can hold. Raise the part size or the memory budget.");
        }
        return;
      }
      chunk = readChunk(in, partSize(number + 1, limits));
      if (chunk.length() == 0) {
        chunk.release();
        return;
      }
    }
  }

  /** Part sizes double every tenth of the part count, within the store's and budget's limits. */
  private long partSize(int number, Capabilities limits) {
    int tier = (number - 1) / Math.max(1, limits.maxParts() / 10);
    long size = basePartSize << Math.min(tier, 30);
    return Math.min(
        size, Math.min(limits.maxPartSize(), Math.min(budget.total(), Integer.MAX_VALUE - 8)));
  }

  /** Takes a buffer from the budget and fills it from the stream. */
  private Chunk readChunk(InputStream in, long size) throws IOException, InterruptedException {
    budget.acquire(size);
    Chunk chunk = new Chunk(budget, new byte[(int) size]);
    try {
      chunk.fill(in);
      return chunk;
    } catch (IOException | RuntimeException e) {
      chunk.release();
      throw e;
    }
  }

  /**
   * A part buffer taken from the budget and how much of it the source filled; shared with the part,
   * not copied; given back to the budget once.
   */
  private static final class Chunk {
    private final MemoryBudget budget;
    private final byte[] bytes;
    private int length;
    private boolean released;

    Chunk(MemoryBudget budget, byte[] bytes) {
      this.budget = budget;
      this.bytes = bytes;
    }

    void fill(InputStream in) throws IOException {
      length = in.readNBytes(bytes, 0, bytes.length);
    }

    int length() {
      return length;
    }

    int capacity() {
      return bytes.length;
    }

    Content content() {
      return Content.ofBytes(bytes, 0, length);
    }

    synchronized void release() {
      if (!released) {
        released = true;
        budget.release(bytes.length);
      }
    }
  }
}
