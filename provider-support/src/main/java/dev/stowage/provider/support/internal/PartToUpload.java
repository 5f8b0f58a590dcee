package dev.stowage.provider.support.internal;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import java.util.Map;
import java.util.Objects;

/**
 * A part on its way to a store: its number, checked against the store's limit, its bytes, and the
 * checksums the store is to check them against before it keeps the part (empty for none).
 *
 * @param number the part's number
 * @param content the part's bytes
 * @param expectedChecksums lower-case hex values by algorithm
 */
public record PartToUpload(
    int number, Content content, Map<ChecksumAlgorithm, String> expectedChecksums) {
  /**
   * Checks and copies the values.
   *
   * @param number the part's number
   * @param content the part's bytes
   * @param expectedChecksums lower-case hex values by algorithm
   */
  public PartToUpload {
    Objects.requireNonNull(content, "content");
    expectedChecksums = Map.copyOf(expectedChecksums);
  }
}
