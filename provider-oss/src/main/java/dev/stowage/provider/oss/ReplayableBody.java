package dev.stowage.provider.oss;

import com.aliyun.oss.common.utils.CRC64;
import dev.stowage.api.Content;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body the SDK can retry: {@link #reset()} opens the content again instead of buffering
 * it. Passes exactly the declared length, failing with {@link LengthMismatchException} if the
 * source ends early or runs over, and computes the CRC-64 of the bytes of the latest attempt.
 */
final class ReplayableBody extends InputStream {
  private final Content content;
  private InputStream in;
  private CRC64 crc = new CRC64();
  private long position;
  private long mark;

  ReplayableBody(Content content) {
    this.content = content;
  }

  private InputStream source() throws IOException {
    if (in == null) {
      in = content.open();
    }
    return in;
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
    long length = content.length();
    if (position == length) {
      return -1;
    }
    int n = source().read(target, offset, (int) Math.min(count, length - position));
    if (n < 0) {
      throw new LengthMismatchException(
          "the source ended after " + position + " of its declared " + length + " bytes");
    }
    crc.update(target, offset, n);
    position += n;
    if (position == length && source().read() >= 0) {
      // checked before the last bytes go out, so the server never sees a complete body
      throw new LengthMismatchException(
          "the source yields more than its declared length of " + length + " bytes");
    }
    return n;
  }

  @Override
  public boolean markSupported() {
    return true;
  }

  @Override
  public synchronized void mark(int readLimit) {
    mark = position;
  }

  /** Opens the content again and reads up to the mark, for the SDK's next attempt. */
  @Override
  public synchronized void reset() throws IOException {
    close();
    crc = new CRC64();
    position = 0;
    byte[] skip = new byte[8192];
    while (position < mark) {
      if (read(skip, 0, (int) Math.min(skip.length, mark - position)) < 0) {
        throw new LengthMismatchException("the source ended before the mark at byte " + mark);
      }
    }
  }

  /** The CRC-64/ECMA of the bytes of the latest attempt. */
  long crc64() {
    return crc.getValue();
  }

  /** Closes the open source stream; a source that fails to close has nothing left to give. */
  @Override
  public void close() {
    if (in != null) {
      InputStream open = in;
      in = null;
      try {
        open.close();
      } catch (IOException e) {
        // the bytes were read or the attempt is over; a close failure cannot change either
      }
    }
  }
}
