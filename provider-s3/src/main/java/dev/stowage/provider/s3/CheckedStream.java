package dev.stowage.provider.s3;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;

/**
 * Passes exactly the declared number of bytes through, failing with {@link LengthMismatchException}
 * if the source ends early or runs over, and computes their CRC-32C.
 */
final class CheckedStream extends FilterInputStream {
  private final long length;
  private final CRC32C crc = new CRC32C();
  private long read;

  CheckedStream(InputStream in, long length) {
    super(in);
    this.length = length;
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
    if (read == length) {
      if (in.read() >= 0) {
        throw new LengthMismatchException(
            "the source yields more than its declared length of " + length + " bytes");
      }
      return -1;
    }
    int n = in.read(target, offset, (int) Math.min(count, length - read));
    if (n < 0) {
      throw new LengthMismatchException(
          "the source ended after " + read + " of its declared " + length + " bytes");
    }
    crc.update(target, offset, n);
    read += n;
    return n;
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

  @Override
  public boolean markSupported() {
    return false;
  }

  /** The CRC-32C of the bytes read so far. */
  int crc32c() {
    return (int) crc.getValue();
  }

  boolean isComplete() {
    return read == length;
  }
}
