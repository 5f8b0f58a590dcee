package dev.stowage.engine;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageOperation;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One object read as a stream that can seek and read at positions, from {@link
 * TransferEngine#open}. A read cut short is resumed from the byte where it stopped, within the
 * engine's retry policy and deadline, after checking that the object is still the one opened (same
 * size and ETag): a resumed read never mixes two versions. (A seek, a positioned read or a range of
 * the {@link #readAhead read-ahead} is a new request, not checked so.) Read from the start to the
 * end without a seek, the bytes are checked against the checksums the store records for the object;
 * a mismatch fails the last read with an {@link IOException} whose cause is an {@link
 * IntegrityException}. {@link #verifiedBy()} then says how.
 *
 * <p>The engine's deadline, if it has one, counts from {@link TransferEngine#open}. Not
 * thread-safe, like any {@link InputStream}; {@link #read(long, byte[], int, int)} may be called
 * from several threads at once, since it leaves the stream's position alone.
 */
public final class ObjectReadStream extends InputStream {
  private final EngineResources engine;
  private final ObjectStore store;
  private final ObjectInfo info;
  private final Transfer transfer;
  private final List<Crc> codes;
  private InputStream in;
  private long inEnd;
  private long readAhead;
  private long position;
  private Sums.Running running;
  private Set<ChecksumAlgorithm> verifiedBy = Set.of();
  private volatile boolean closed;

  ObjectReadStream(EngineResources engine, ObjectStore store, ObjectInfo info, Transfer transfer) {
    this.engine = engine;
    this.store = store;
    this.info = info;
    this.transfer = transfer;
    this.codes = Verification.codes(engine, store.capabilities(), info.checksums().keySet());
    this.running = new Sums.Running(codes);
  }

  /**
   * Returns the object as the store described it when the stream was opened.
   *
   * @return the object's info
   */
  public ObjectInfo info() {
    return info;
  }

  /**
   * Returns the object's size in bytes.
   *
   * @return the size
   */
  public long length() {
    return info.size();
  }

  /**
   * Returns the position of the next byte {@link #read()} returns.
   *
   * @return the position
   */
  public long position() {
    return position;
  }

  /**
   * Moves to a byte of the object; the next read starts there. Seeking anywhere but the start ends
   * the whole-object check, since the bytes are no longer read in order; seeking to 0 starts it
   * again.
   *
   * @param newPosition 0 to {@link #length()}
   * @throws IOException if the stream is closed
   * @throws EOFException if the position is negative or past the end
   */
  public void seek(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0 || newPosition > info.size()) {
      throw new EOFException(
          "cannot seek to byte " + newPosition + " of " + info.size() + " in " + transfer.context);
    }
    if (newPosition == position) {
      return;
    }
    closeCurrent();
    position = newPosition;
    running = newPosition == 0 ? new Sums.Running(codes) : null;
    verifiedBy = Set.of();
  }

  /**
   * Returns the checksums the store records that the bytes read matched, once the whole object was
   * read in order; empty before, after a seek, or if the store records none the engine computes.
   *
   * @return the algorithms compared
   */
  public Set<ChecksumAlgorithm> verifiedBy() {
    return verifiedBy;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    if (len == 0) {
      return 0;
    }
    if (position >= info.size()) {
      verifyWhole(); // an empty object is read whole by its first read
      return -1;
    }
    int got = readSome(b, off, (int) Math.min(len, info.size() - position));
    if (running != null) {
      running.update(b, off, got);
    }
    position += got;
    if (position == info.size()) {
      verifyWhole();
    }
    return got;
  }

  /**
   * Sets how many bytes one request of the sequential reads asks for: 0 (the default) reads from
   * the position to the end of the object in one request, the cheapest way through a whole object;
   * a positive value reads ranges of that size (or of the read, if larger), so that seeking about
   * an object (columnar formats) abandons no long response. Each range is then a request of its
   * own, as a positioned read is: an object replaced between two of them gives bytes of both
   * versions, which only the check of a whole read in order catches. Takes effect at the next
   * request.
   *
   * @param bytes 0, or the range size
   * @throws IllegalArgumentException if negative
   */
  public void readAhead(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("read-ahead must be 0 or more bytes: " + bytes);
    }
    readAhead = bytes;
  }

  /** Reads at least one byte at the position, resuming a read cut short. */
  private int readSome(byte[] b, int off, int len) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        if (in != null && position == inEnd) {
          closeCurrent(); // the range read ahead is used up: the next one follows
        }
        if (in == null) {
          long from = position;
          long end =
              readAhead == 0 ? info.size() : Math.min(info.size(), from + Math.max(len, readAhead));
          in =
              transfer.call(
                  StorageOperation.READ,
                  () ->
                      store.get(
                          info.key(),
                          end == info.size()
                              ? ByteRange.from(from)
                              : new ByteRange(from, end - from)));
          inEnd = end;
        }
        int got = in.read(b, off, (int) Math.min(len, inEnd - position));
        if (got <= 0) {
          throw new EOFException(
              "the store ended the object at byte " + position + " of " + info.size());
        }
        engine.throttle(got);
        return got;
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        closeCurrent();
        resumeAfter(e, attempt);
      }
    }
  }

  /**
   * Reads bytes at a position without moving the stream, resuming a read cut short.
   *
   * @param at the object's byte to start at
   * @param b the buffer
   * @param off where in the buffer
   * @param len the most bytes to read
   * @return the bytes read, -1 at or past the end
   * @throws IOException if the store cannot give the bytes within the retry policy
   */
  public int read(long at, byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    ensureOpen();
    if (at < 0) {
      throw new EOFException("cannot read at negative position " + at);
    }
    if (at >= info.size()) {
      return -1;
    }
    int wanted = (int) Math.min(len, info.size() - at);
    int done = 0;
    for (int attempt = 1; done < wanted; attempt++) {
      long from = at + done;
      try (InputStream range =
          transfer.call(
              StorageOperation.READ,
              () -> store.get(info.key(), new ByteRange(from, wanted - (from - at))))) {
        while (done < wanted) {
          int got = range.read(b, off + done, wanted - done);
          if (got < 0) {
            throw new EOFException("the store ended the range at byte " + (at + done));
          }
          engine.throttle(got);
          done += got;
        }
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        resumeAfter(e, attempt);
      }
    }
    return done;
  }

  /**
   * Reads exactly {@code len} bytes at a position without moving the stream.
   *
   * @param at the object's byte to start at
   * @param b the buffer
   * @param off where in the buffer
   * @param len the bytes to read
   * @throws EOFException if the object ends before
   * @throws IOException if the store cannot give the bytes within the retry policy
   */
  public void readFully(long at, byte[] b, int off, int len) throws IOException {
    if (at + len > info.size()) {
      throw new EOFException(
          "bytes " + at + " to " + (at + len) + " reach past the end at " + info.size());
    }
    read(at, b, off, len);
  }

  @Override
  public long skip(long n) throws IOException {
    long target = Math.min(info.size(), position + Math.max(0, n));
    long skipped = target - position;
    seek(target);
    return skipped;
  }

  @Override
  public int available() throws IOException {
    ensureOpen();
    return in == null ? 0 : in.available();
  }

  @Override
  public void close() throws IOException {
    if (!closed) {
      closed = true;
      closeCurrent();
    }
  }

  /**
   * Waits before another attempt and checks that the object is still the one opened.
   *
   * @throws IOException the cause, if the policy allows no more attempts
   */
  private void resumeAfter(IOException cause, int attempt) throws IOException {
    if (attempt >= engine.retry.maxAttempts() || !transfer.backoff(attempt)) {
      throw cause;
    }
    Optional<ObjectInfo> now;
    try {
      now = transfer.call(StorageOperation.STAT, () -> store.stat(info.key()));
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      throw cause;
    }
    if (now.isEmpty()
        || now.get().size() != info.size()
        || !Objects.equals(now.get().etag(), info.etag())) {
      throw new IOException(
          new IntegrityException(
              transfer.context,
              "the object changed or vanished while it was read; its bytes are not one version."
                  + " Read it again."));
    }
  }

  private void verifyWhole() throws IOException {
    if (running == null) {
      return;
    }
    Sums sums = running.finish();
    running = null;
    Optional<String> problem = Verification.problem(sums, info.checksums(), info);
    if (problem.isPresent()) {
      throw new IOException(
          new IntegrityException(
              transfer.context, problem.get() + "; the bytes read are not the stored object"));
    }
    Map<ChecksumAlgorithm, String> computed = sums.toMap();
    verifiedBy =
        Set.copyOf(computed.keySet().stream().filter(info.checksums()::containsKey).toList());
  }

  private void closeCurrent() {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // a broken stream that will not close is replaced all the same
      } finally {
        in = null;
      }
    }
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("the stream of " + transfer.context + " is closed");
    }
  }
}
