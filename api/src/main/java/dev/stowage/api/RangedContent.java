package dev.stowage.api;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A window of a source that reads any range of itself: an array, a file, a store's object, or any
 * content read by skipping. A slice is a narrower window of the same source, holding no bytes.
 */
final class RangedContent implements Content {
  private final Content.RangeReader reader;
  private final Object source;
  private final long offset;
  private final long length;

  RangedContent(Content.RangeReader reader, Object source, long offset, long length) {
    this.reader = reader;
    this.source = source;
    this.offset = offset;
    this.length = length;
  }

  /** Ranges of an array, which is not copied. */
  static Content.RangeReader array(byte[] bytes, int start) {
    return (offset, length) ->
        new ByteArrayInputStream(bytes, start + Math.toIntExact(offset), Math.toIntExact(length));
  }

  /** Ranges of a file, each read through a channel of its own; a file cut short is an error. */
  static Content.RangeReader file(Path file) {
    return (offset, length) -> {
      FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
      try {
        channel.position(offset);
        return new BoundedStream(
            Channels.newInputStream(channel),
            length,
            "the file ended %d bytes before the end of the slice; was it truncated?");
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    };
  }

  /**
   * Ranges of any content, read by skipping to the offset in a new stream of the whole. A source
   * shorter than its declared length gives a short range, which the store refuses as the {@link
   * Content} contract says.
   */
  static Content.RangeReader skipping(Content whole) {
    return (offset, length) -> {
      InputStream in = whole.open();
      try {
        in.skipNBytes(offset);
      } catch (EOFException e) {
        in.close(); // the source is shorter than its length: a short range
        return InputStream.nullInputStream();
      } catch (IOException | RuntimeException e) {
        in.close();
        throw e;
      }
      return new BoundedStream(in, length, null);
    };
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public InputStream open() throws IOException {
    return reader.open(offset, length);
  }

  @Override
  public Content slice(long from, long count) {
    if (from < 0 || count < 0 || from > length - count) {
      return Content.super.slice(from, count); // throws with the standard message
    }
    return new RangedContent(reader, source, offset + from, count);
  }

  @Override
  public String toString() {
    return "Content[" + length + " bytes of " + source + " from " + offset + "]";
  }
}
