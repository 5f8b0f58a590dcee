package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * One uploaded part, as {@link ObjectStore#uploadPart} returns it and {@link
 * ObjectStore#completeMultipart} takes it back. Immutable.
 *
 * @param partNumber the part's number, 1 to {@link Capabilities#maxParts()}
 * @param etag the store's tag for the part, without quotes
 * @param size the part's size in bytes as the store reported it, or {@link #UNKNOWN_SIZE} if its
 *     answer to the upload did not say
 * @param checksums the part's checksums as lower-case hex, as the store reported them (never the
 *     sender's own), for stores that verify every part again at completion; possibly empty
 */
public record CompletedPart(
    int partNumber, String etag, long size, Map<ChecksumAlgorithm, String> checksums) {
  /** The {@link #size()} of a part whose upload's answer did not report its size. */
  public static final long UNKNOWN_SIZE = -1;

  /**
   * Checks the number, the tag and the size, and copies the checksums.
   *
   * @param partNumber see the record description
   * @param etag see the record description
   * @param size see the record description
   * @param checksums see the record description
   */
  public CompletedPart {
    if (partNumber < 1) {
      throw new IllegalArgumentException("partNumber must be at least 1: " + partNumber);
    }
    requireNonNull(etag, "etag is null");
    if (size < UNKNOWN_SIZE) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    checksums = Map.copyOf(requireNonNull(checksums, "checksums is null"));
  }

  /**
   * Returns a part with no checksum.
   *
   * @param partNumber the part's number
   * @param etag the store's tag for the part
   * @param size the part's size in bytes
   */
  public CompletedPart(int partNumber, String etag, long size) {
    this(partNumber, etag, size, Map.of());
  }

  /**
   * Tells whether the store reported the part's size.
   *
   * @return false if {@link #size()} is {@link #UNKNOWN_SIZE}
   */
  public boolean sizeKnown() {
    return size != UNKNOWN_SIZE;
  }
}
