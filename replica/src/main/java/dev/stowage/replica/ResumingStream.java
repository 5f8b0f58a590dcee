package dev.stowage.replica;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ObjectStore;
import dev.stowage.engine.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a range of an object and, when the connection drops, asks again from the byte where it
 * stopped (Litestream #1077: long restores met idle connections closed by the store), within a
 * retry policy.
 */
final class ResumingStream extends InputStream {
  private static final Logger LOG = LoggerFactory.getLogger(ResumingStream.class);

  private final ObjectStore store;
  private final String key;
  private final long end;
  private final RetryPolicy policy;
  private InputStream in;
  private long position;
  private int failures;

  /**
   * @param length the bytes to read from {@code offset}, or -1 for all to the end
   */
  ResumingStream(ObjectStore store, String key, long offset, long length, RetryPolicy policy) {
    this.store = store;
    this.key = key;
    this.position = offset;
    this.end = length < 0 ? Long.MAX_VALUE : offset + length;
    this.policy = policy;
    this.in = store.get(key, range());
  }

  private ByteRange range() {
    return end == Long.MAX_VALUE
        ? ByteRange.from(position)
        : new ByteRange(position, Math.max(0, end - position));
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    while (true) {
      try {
        int n = in.read(b, off, len);
        if (n > 0) {
          position += n;
        }
        return n;
      } catch (InterruptedIOException e) {
        throw e;
      } catch (IOException e) {
        resume(e);
      }
    }
  }

  private void resume(IOException cause) throws IOException {
    failures++;
    if (failures >= policy.maxAttempts()) {
      throw cause;
    }
    LOG.info("reading {} broke at byte {} ({}); resuming", key, position, cause.toString());
    closeQuietly();
    try {
      TimeUnit.MILLISECONDS.sleep(policy.backoff(failures).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException interrupted = new InterruptedIOException("interrupted while resuming");
      interrupted.addSuppressed(cause);
      throw interrupted;
    }
    in = store.get(key, range());
  }

  private void closeQuietly() {
    try {
      in.close();
    } catch (IOException e) {
      LOG.debug("closing the broken stream of {} failed", key, e);
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
