package dev.stowage.provider.support.internal;

import java.io.IOException;
import java.io.InputStream;

/**
 * The frame of the checked request and response bodies: a stream of exactly {@code length} bytes
 * that counts what it passes. A subclass reads the source ({@link #readSource}), sees each run of
 * bytes passed ({@link #passed}) and decides what the end means ({@link #atEnd}).
 */
abstract class ExactLengthStream extends InputStream {
  final long length;
  long read;

  ExactLengthStream(long length) {
    this.length = length;
  }

  /** Reads at most {@code count} bytes, more than none; fails where the source ends early. */
  abstract int readSource(byte[] target, int offset, int count) throws IOException;

  /** Sees bytes that passed, {@link #read} counting them already. */
  abstract void passed(byte[] target, int offset, int count) throws IOException;

  /** Called when a read finds the whole length passed. */
  abstract void atEnd() throws IOException;

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] target, int offset, int count) throws IOException {
    if (count == 0) {
      return 0;
    }
    if (read == length) {
      atEnd();
      return -1;
    }
    int n = readSource(target, offset, (int) Math.min(count, length - read));
    read += n;
    passed(target, offset, n);
    return n;
  }
}
