package dev.stowage.api;

import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A slice of any content, read by skipping to its offset in a new stream of the whole. A source
 * shorter than its declared length gives a short slice, which the store refuses as the {@link
 * Content} contract says.
 */
final class SkippingSlice implements Content {
  private final Content whole;
  private final long offset;
  private final long length;

  SkippingSlice(Content whole, long offset, long length) {
    this.whole = whole;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public InputStream open() throws IOException {
    InputStream in = whole.open();
    try {
      in.skipNBytes(offset);
    } catch (EOFException e) {
      in.close(); // the source is shorter than its length: a short slice, which the store refuses
      return InputStream.nullInputStream();
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
    return new FilterInputStream(in) {
      private long remaining = length;

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
    };
  }

  @Override
  public Content slice(long from, long count) {
    if (from < 0 || count < 0 || from > length - count) {
      return Content.super.slice(from, count); // throws with the standard message
    }
    return new SkippingSlice(whole, offset + from, count);
  }

  @Override
  public String toString() {
    return "Content[" + length + " bytes of " + whole + " from " + offset + "]";
  }
}
