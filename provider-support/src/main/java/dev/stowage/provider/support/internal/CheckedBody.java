package dev.stowage.provider.support.internal;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Adler32;
import java.util.zip.Checksum;

/**
 * A request body: passes exactly the declared number of bytes of a source through and computes a
 * checksum of them. A source that ends early fails with {@link LengthMismatchException}; one that
 * runs over fails as its last bytes are read, before they go out, so a server never sees a complete
 * body from a source that lied about its length.
 */
public final class CheckedBody extends ExactLengthStream {
  private final InputStream in;
  private final Checksum checksum;

  /**
   * Returns the body, checking only its length (the cheap Adler-32 stands in as its checksum).
   *
   * @param source the source, read to exactly {@code length} bytes
   * @param length the declared length
   */
  public CheckedBody(InputStream source, long length) {
    this(source, length, new Adler32());
  }

  /**
   * Returns the body, computing a checksum of the bytes it passes.
   *
   * @param source the source, read to exactly {@code length} bytes
   * @param length the declared length
   * @param checksum computes the checksum of the bytes passed
   */
  public CheckedBody(InputStream source, long length, Checksum checksum) {
    super(length);
    this.in = requireNonNull(source, "source is null");
    this.checksum = requireNonNull(checksum, "checksum is null");
  }

  @Override
  int readSource(byte[] target, int offset, int count) throws IOException {
    int n = in.read(target, offset, count);
    if (n < 0) {
      throw new LengthMismatchException(
          "the source ended after " + read + " of its declared " + length + " bytes");
    }
    return n;
  }

  @Override
  void passed(byte[] target, int offset, int count) throws IOException {
    checksum.update(target, offset, count);
    if (read == length && in.read() >= 0) {
      throw new LengthMismatchException(
          "the source yields more than its declared length of " + length + " bytes");
    }
  }

  @Override
  void atEnd() {
    // the source's end was checked with the last bytes
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), length - read);
  }

  @Override
  public void close() throws IOException {
    in.close();
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

  /**
   * Returns the checksum of the bytes passed so far.
   *
   * @return the checksum's value
   */
  public long checksum() {
    return checksum.getValue();
  }

  /**
   * Returns how many bytes have passed.
   *
   * @return the count
   */
  public long position() {
    return read;
  }

  /**
   * Returns whether the declared length has passed.
   *
   * @return true at the end
   */
  public boolean isComplete() {
    return read == length;
  }
}
