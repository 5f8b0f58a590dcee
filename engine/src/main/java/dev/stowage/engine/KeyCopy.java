package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

/**
 * One copy of a planned batch: the key to read, the key to write, and the source's size where the
 * plan knows it (for the {@link TransferListener#onQueued progress} of the batch).
 *
 * @param sourceKey the key to read
 * @param targetKey the key to write
 * @param size the source's size in bytes, or -1 if unknown
 */
public record KeyCopy(String sourceKey, String targetKey, long size) {
  /**
   * Checks the keys.
   *
   * @param sourceKey see the record description
   * @param targetKey see the record description
   * @param size see the record description
   */
  public KeyCopy {
    requireNonNull(sourceKey, "sourceKey is null");
    requireNonNull(targetKey, "targetKey is null");
    if (size < -1) {
      throw new IllegalArgumentException("size must be -1 (unknown) or more: " + size);
    }
  }

  /**
   * Returns a copy of a source of unknown size.
   *
   * @param sourceKey the key to read
   * @param targetKey the key to write
   */
  public KeyCopy(String sourceKey, String targetKey) {
    this(sourceKey, targetKey, -1);
  }
}
