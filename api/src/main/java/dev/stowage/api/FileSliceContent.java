package dev.stowage.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

final class FileSliceContent implements Content {
  private final Path file;
  private final long offset;
  private final long length;

  FileSliceContent(Path file, long offset, long length) {
    this.file = file;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public InputStream open() throws IOException {
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(offset);
      return new BoundedInputStream(Channels.newInputStream(channel), length);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public Content slice(long from, long count) {
    if (from < 0 || count < 0 || from > length - count) {
      return Content.super.slice(from, count); // throws with the standard message
    }
    return new FileSliceContent(file, offset + from, count);
  }

  @Override
  public String toString() {
    return "Content[" + length + " bytes of " + file + " from " + offset + "]";
  }

  /** Stops at the slice's end, and fails if the file ends before it. */
  private static final class BoundedInputStream extends InputStream {
    private final InputStream in;
    private long remaining;

    BoundedInputStream(InputStream in, long remaining) {
      this.in = in;
      this.remaining = remaining;
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
      int n = in.read(target, off, (int) Math.min(len, remaining));
      if (n < 0) {
        throw new java.io.EOFException(
            "the file ended "
                + remaining
                + " bytes before the end of the slice; was it truncated?");
      }
      remaining -= n;
      return n;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
