package dev.stowage.provider.s3;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A GET response body of known length: ends (again and again, as an {@link InputStream} must) after
 * exactly that many bytes without touching the connection, which the SDK may already have closed at
 * its end; and fails if the connection ends first, so a cut body is never a short success.
 */
final class ResponseBody extends FilterInputStream {
  private long remaining;

  ResponseBody(InputStream in, long length) {
    super(in);
    this.remaining = length;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int count) throws IOException {
    if (count == 0) {
      return 0;
    }
    if (remaining == 0) {
      return -1;
    }
    int n = in.read(target, offset, (int) Math.min(count, remaining));
    if (n < 0) {
      throw new EOFException("the response ended " + remaining + " bytes early");
    }
    remaining -= n;
    return n;
  }

  @Override
  public long skip(long n) throws IOException {
    long skipped = in.skip(Math.min(n, remaining));
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), remaining);
  }

  @Override
  public boolean markSupported() {
    return false;
  }
}
