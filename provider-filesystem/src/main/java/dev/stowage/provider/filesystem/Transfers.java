package dev.stowage.provider.filesystem;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Copies between files by channel transfers, with no copy through the heap. */
final class Transfers {
  private Transfers() {}

  /** Copies a whole file into {@code out} at {@code position}; returns its size. */
  static long copy(Path file, FileChannel out, long position) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      out.position(position);
      long size = in.size();
      range(in, 0, size, out);
      return size;
    }
  }

  /** Copies {@code length} bytes of {@code in} from {@code offset} to {@code out}'s position. */
  static void range(FileChannel in, long offset, long length, FileChannel out) throws IOException {
    long done = 0;
    while (done < length) {
      long moved = in.transferTo(offset + done, length - done, out);
      if (moved <= 0 && offset + done >= in.size()) {
        throw new IOException("a part's file ended " + (length - done) + " bytes early");
      }
      done += moved;
    }
  }
}
