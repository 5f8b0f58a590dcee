package dev.stowage.oss.server;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The bytes of an object or an uploaded part: in memory, or in a file of the server's directory,
 * read from there each time so that the heap does not bound what the server holds.
 */
interface ObjectBytes {
  long length();

  /** Opens {@code length} bytes from {@code offset}. */
  InputStream open(long offset, long length) throws IOException;

  /** Removes the file that holds only these bytes (a body or a part as received), if any. */
  default void discard() {}

  /** Bytes in memory. */
  record InMemory(byte[] bytes) implements ObjectBytes {
    @Override
    public long length() {
      return bytes.length;
    }

    @Override
    public InputStream open(long offset, long length) {
      return new ByteArrayInputStream(bytes, (int) offset, (int) length);
    }
  }

  /**
   * Bytes in a file, from {@code start}; {@code owned} if the file holds nothing else and goes with
   * them.
   */
  record InFile(Path file, long start, long length, boolean owned) implements ObjectBytes {
    @Override
    public InputStream open(long offset, long count) throws IOException {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      channel.position(start + offset);
      return new FilterInputStream(Channels.newInputStream(channel)) {
        private long left = count;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          int b = super.read();
          if (b >= 0) {
            left--;
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int read = super.read(buffer, off, (int) Math.min(len, left));
          if (read > 0) {
            left -= read;
          }
          return read;
        }
      };
    }

    @Override
    public void discard() {
      if (owned) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // a spool file left behind is removed when a server next opens the directory
        }
      }
    }
  }
}
