package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * A replayable body for a write: its exact length, and a stream over it that can be opened again
 * from the start for every attempt, so a retry never re-sends a half-read stream.
 *
 * <p>A store that reads fewer or more bytes than {@link #length()} from a stream must fail the
 * write with an {@link IntegrityException}: a short source is an error, never a short object.
 * Implementations are thread-safe; each stream is used by one thread.
 */
public interface Content {
  /**
   * Returns the exact number of bytes every stream yields.
   *
   * @return the length in bytes
   */
  long length();

  /**
   * Opens a new stream over the whole body, from its first byte. The caller closes it.
   *
   * @return the stream
   * @throws IOException if the source cannot be read
   */
  InputStream open() throws IOException;

  /**
   * Returns a part of this content as content of its own, so that the parts of a multipart upload
   * can be read in parallel. The default reads the slice by skipping to its offset in a new stream;
   * the built-in kinds override it without copying (an array view, a file slice read through its
   * own channel), and a source that can seek should too.
   *
   * @param offset the slice's first byte, at most {@link #length()}
   * @param length the slice's length; {@code offset + length} at most {@link #length()}
   * @return the slice
   * @throws IndexOutOfBoundsException if the slice does not lie within this content
   */
  default Content slice(long offset, long length) {
    long whole = length();
    if (offset < 0 || length < 0 || offset > whole - length) {
      throw new IndexOutOfBoundsException(
          "slice at " + offset + " of " + length + " bytes is outside " + whole + " bytes");
    }
    // the whole is named lazily, by the slice's toString, not on every slice of a transfer
    return new RangedContent(RangedContent.skipping(this), this, offset, length);
  }

  /**
   * Returns content over a byte array, which is not copied: the caller must not change it.
   *
   * @param bytes the bytes
   * @return the content
   */
  static Content ofBytes(byte[] bytes) {
    requireNonNull(bytes, "bytes is null");
    return new RangedContent(RangedContent.array(bytes, 0), "an array", 0, bytes.length);
  }

  /**
   * Returns content over part of a byte array, which is not copied.
   *
   * @param bytes the array
   * @param offset the first byte
   * @param length the number of bytes
   * @return the content
   */
  static Content ofBytes(byte[] bytes, int offset, int length) {
    requireNonNull(bytes, "bytes is null");
    if (offset < 0 || length < 0 || offset > bytes.length - length) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + " of " + bytes.length);
    }
    return new RangedContent(RangedContent.array(bytes, offset), "an array", 0, length);
  }

  /**
   * Returns content over the remaining bytes of a buffer; the buffer's position is not changed and
   * its bytes are not copied.
   *
   * @param buffer the buffer
   * @return the content
   */
  static Content ofByteBuffer(ByteBuffer buffer) {
    return new ByteBufferContent(requireNonNull(buffer, "buffer is null").asReadOnlyBuffer());
  }

  /**
   * Returns content over a whole file, whose length is read now.
   *
   * @param file the file
   * @return the content
   * @throws IOException if the file's size cannot be read
   */
  static Content ofFile(Path file) throws IOException {
    requireNonNull(file, "file is null");
    return new RangedContent(
        RangedContent.file(file), file.toString(), 0, java.nio.file.Files.size(file));
  }

  /**
   * Returns content over a slice of a file, read through a file channel, not copied to the heap.
   *
   * @param file the file
   * @param offset the slice's first byte
   * @param length the slice's length
   * @return the content
   */
  static Content ofFile(Path file, long offset, long length) {
    requireNonNull(file, "file is null");
    if (offset < 0 || length < 0) {
      throw new IllegalArgumentException(
          "offset " + offset + " or length " + length + " is negative");
    }
    return new RangedContent(RangedContent.file(file), file.toString(), offset, length);
  }

  /**
   * Returns content that reads itself by ranges: every open, and every open of a slice, asks {@code
   * reader} for the bytes of its range, and nothing is held in between. Suits any source that can
   * read at a position, such as a store's object, so that the parts of an upload are read in
   * parallel.
   *
   * @param length the exact length
   * @param source what the bytes are, for messages; it must hold no secret
   * @param reader opens the bytes of a range
   * @return the content
   */
  static Content ofRanges(long length, String source, RangeReader reader) {
    if (length < 0) {
      throw new IllegalArgumentException("length " + length + " is negative");
    }
    return new RangedContent(
        requireNonNull(reader, "reader is null"),
        requireNonNull(source, "source is null"),
        0,
        length);
  }

  /** Opens the bytes of a range of a source, for {@link #ofRanges}. */
  @FunctionalInterface
  interface RangeReader {
    /**
     * Opens a stream over {@code length} bytes from {@code offset}. The caller closes it.
     *
     * @param offset the first byte
     * @param length how many bytes; the range lies within the source's length
     * @return the stream
     * @throws IOException if the source cannot be read
     */
    InputStream open(long offset, long length) throws IOException;
  }
}
