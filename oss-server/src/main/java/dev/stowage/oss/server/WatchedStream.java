package dev.stowage.oss.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body that shows each run of bytes read, and its end once, to a subclass that checks
 * them (a size limit, a signed hash); the subclass fails the read by throwing.
 */
abstract class WatchedStream extends FilterInputStream {
  private boolean ended;

  WatchedStream(InputStream in) {
    super(in);
  }

  /** Sees {@code count} bytes just read. */
  abstract void seen(byte[] buffer, int offset, int count) throws IOException;

  /** Sees the end of the body; by default nothing. */
  void end() throws IOException {}

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] buffer, int offset, int length) throws IOException {
    int count = super.read(buffer, offset, length);
    if (count > 0) {
      seen(buffer, offset, count);
    } else if (count < 0 && !ended) {
      ended = true;
      end();
    }
    return count;
  }
}
