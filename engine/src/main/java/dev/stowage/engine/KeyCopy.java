package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

/**
 * One copy of a planned batch: the key to read and the key to write.
 *
 * @param sourceKey the key to read
 * @param targetKey the key to write
 */
public record KeyCopy(String sourceKey, String targetKey) {
  /**
   * Checks the keys.
   *
   * @param sourceKey see the record description
   * @param targetKey see the record description
   */
  public KeyCopy {
    requireNonNull(sourceKey, "sourceKey is null");
    requireNonNull(targetKey, "targetKey is null");
  }
}
