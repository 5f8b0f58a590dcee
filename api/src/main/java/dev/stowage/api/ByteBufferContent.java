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
  public String toString() {
    return "Content[" + buffer.remaining() + " bytes in a buffer]";
  }
}
