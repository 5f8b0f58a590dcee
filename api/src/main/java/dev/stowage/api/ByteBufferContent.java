package dev.stowage.api;

import java.io.InputStream;
import java.nio.ByteBuffer;

final class ByteBufferContent implements Content {
  private final ByteBuffer buffer;

  ByteBufferContent(ByteBuffer buffer) {
    this.buffer = buffer;
  }

  @Override
  public long length() {
    return buffer.remaining();
  }

  @Override
  public InputStream open() {
    ByteBuffer view = buffer.duplicate();
    return new InputStream() {
      @Override
      public int read() {
        return view.hasRemaining() ? view.get() & 0xff : -1;
      }

      @Override
      public int read(byte[] target, int off, int len) {
        if (len == 0) {
          return 0;
        }
        if (!view.hasRemaining()) {
          return -1;
        }
        int n = Math.min(len, view.remaining());
        view.get(target, off, n);
        return n;
      }

      @Override
      public int available() {
        return view.remaining();
      }
    };
  }

  @Override
  public Content slice(long from, long count) {
    if (from < 0 || count < 0 || from > buffer.remaining() - count) {
      return Content.super.slice(from, count); // throws with the standard message
    }
    ByteBuffer view = buffer.duplicate();
    view.position(buffer.position() + (int) from).limit(buffer.position() + (int) (from + count));
    return new ByteBufferContent(view.slice());
  }

  @Override
  public String toString() {
    return "Content[" + buffer.remaining() + " bytes in a buffer]";
  }
}
