package dev.stowage.api;

/**
 * A range of bytes to read: {@code length} bytes from {@code offset}, clipped to the object's end.
 *
 * @param offset the first byte, from 0
 * @param length how many bytes at most; {@link Long#MAX_VALUE} reads to the end
 */
public record ByteRange(long offset, long length) {
  /** The whole object. */
  public static final ByteRange ALL = new ByteRange(0, Long.MAX_VALUE);

  /**
   * Checks that neither number is negative.
   *
   * @param offset see the record description
   * @param length see the record description
   */
  public ByteRange {
    if (offset < 0) {
      throw new IllegalArgumentException("offset is negative: " + offset);
    }
    if (length < 0) {
      throw new IllegalArgumentException("length is negative: " + length);
    }
  }

  /**
   * Returns the range from an offset to the end of the object.
   *
   * @param offset the first byte
   * @return the range
   */
  public static ByteRange from(long offset) {
    return new ByteRange(offset, Long.MAX_VALUE);
  }

  /**
   * Returns whether the range reads to the end of the object.
   *
   * @return true if open-ended
   */
  public boolean isToEnd() {
    return length == Long.MAX_VALUE || offset + length < 0;
  }

  /**
   * Returns how many bytes this range covers of an object of the given size.
   *
   * @param size the object's size
   * @return the clipped length, 0 if the range starts at or past the end
   */
  public long lengthWithin(long size) {
    if (offset >= size) {
      return 0;
    }
    return isToEnd() ? size - offset : Math.min(length, size - offset);
  }
}
