package dev.stowage.engine;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which checksums a part is sent with for the store to check. Computing them costs a pass of its
 * own over the part's bytes before it is sent (a second read of a file range; for an MD5, at a
 * third of the speed of a CRC), so they are left out where the store {@linkplain
 * Capability#REPORTS_PART_CHECKSUMS answers every part} with a checksum the engine computes while
 * sending: the engine compares that answer before completion, and a part that differs is sent
 * again, so damaged bytes still never join an object. A part whose answer lacks that checksum,
 * against the store's word, is sent again with every checksum the store checks ({@link
 * #needsResend}).
 */
final class PartExpectations {
  private final Set<ChecksumAlgorithm> checkedByStore;
  private final Set<ChecksumAlgorithm> computedWhileSending;
  private final Set<ChecksumAlgorithm> sentFirst;

  private PartExpectations(Capabilities store, List<Crc> codes) {
    this.checkedByStore =
        store.supports(Capability.VERIFIES_EXPECTED_PART_CHECKSUMS)
            ? store.expectedChecksumAlgorithms()
            : Set.of();
    this.computedWhileSending = EnumSet.noneOf(ChecksumAlgorithm.class);
    if (store.supports(Capability.REPORTS_PART_CHECKSUMS)) {
      codes.forEach(code -> computedWhileSending.add(code.algorithm()));
      computedWhileSending.retainAll(store.checksumAlgorithms());
    }
    this.sentFirst = computedWhileSending.isEmpty() ? checkedByStore : Set.of();
  }

  /** The policy for parts of a store whose bytes the engine sums with {@code codes}. */
  static PartExpectations of(Capabilities store, List<Crc> codes) {
    return new PartExpectations(store, codes);
  }

  /** The checksums a part is first sent with. */
  Map<ChecksumAlgorithm, String> first(Content part) {
    return ExpectedChecksums.of(sentFirst, part);
  }

  /**
   * Whether a part must be sent again with every checksum the store checks: its answer has none
   * that the engine computed, though the store said it would, and a checksum the store checks was
   * left out of the first sending.
   */
  boolean needsResend(CompletedPart answer) {
    return sentFirst.size() < checkedByStore.size()
        && computedWhileSending.stream().noneMatch(answer.checksums()::containsKey);
  }

  /** The checksums a part is sent again with. */
  Map<ChecksumAlgorithm, String> all(Content part) {
    return ExpectedChecksums.of(checkedByStore, part);
  }
}
