package dev.stowage.api;

import static java.util.Objects.requireNonNull;

/**
 * One uploaded part, as {@link ObjectStore#uploadPart} returns it and {@link
 * ObjectStore#completeMultipart} takes it back. Immutable.
 *
 * @param partNumber the part's number, 1 to {@link Capabilities#maxParts()}
 * @param etag the store's tag for the part, without quotes
 * @param size the part's size in bytes
 */
public record CompletedPart(int partNumber, String etag, long size) {
  /**
   * Checks the number, the tag and the size.
   *
   * @param partNumber see the record description
   * @param etag see the record description
   * @param size see the record description
   */
  public CompletedPart {
    if (partNumber < 1) {
      throw new IllegalArgumentException("partNumber must be at least 1: " + partNumber);
    }
    requireNonNull(etag, "etag is null");
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
  }
}
