package dev.stowage.api;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The first bytes of a stream: it ends after {@code remaining} bytes. Where the stream ends before,
 * it fails with an {@link EOFException} if given a message for that, else it ends short.
 */
final class BoundedStream extends FilterInputStream {
  private final String endedEarly;
  private long remaining;

  /**
   * @param endedEarly a format taking the missing byte count, or null to end short quietly
   */
  BoundedStream(InputStream in, long remaining, String endedEarly) {
    super(in);
    this.remaining = remaining;
    this.endedEarly = endedEarly;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (remaining == 0) {
      return -1;
    }
    int n = super.read(target, off, (int) Math.min(len, remaining));
    if (n < 0 && endedEarly != null) {
      throw new EOFException(String.format(endedEarly, remaining));
    }
    if (n > 0) {
      remaining -= n;
    }
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = super.skip(Math.min(n, remaining));
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(super.available(), remaining);
  }
}
