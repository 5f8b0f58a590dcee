package dev.stowage.bench;

import java.io.InputStream;
import java.util.SplittableRandom;

/**
 * A stream of unknown length made of one pseudo-random megabyte repeated, cheap to produce so that
 * a trial of many streams measures the uploader, not a source.
 */
final class PatternStream extends InputStream {
  private static final byte[] PATTERN = new byte[1 << 20];

  static {
    new SplittableRandom(8).nextBytes(PATTERN);
  }

  private final long length;
  private long position;

  PatternStream(long length) {
    this.length = length;
  }

  @Override
  public int read() {
    if (position == length) {
      return -1;
    }
    return PATTERN[(int) (position++ % PATTERN.length)] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int offset, int count) {
    if (position == length) {
      return -1;
    }
    int at = (int) (position % PATTERN.length);
    int n = (int) Math.min(Math.min(count, length - position), PATTERN.length - at);
    System.arraycopy(PATTERN, at, buffer, offset, n);
    position += n;
    return n;
  }
}
