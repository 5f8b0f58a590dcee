package dev.stowage.engine;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The checksums a store is to check a write's bytes against: those of the algorithms it checks,
 * computed by reading the content once beforehand. Bytes damaged on the way, or a source that
 * changes while it is sent, are then refused by the store before they replace or join anything.
 */
final class ExpectedChecksums {
  private ExpectedChecksums() {}

  /**
   * @param checkedByStore the algorithms the store checks
   * @param content the bytes about to be sent
   * @return hex values by algorithm; empty if the store checks none the engine computes
   */
  static Map<ChecksumAlgorithm, String> of(Set<ChecksumAlgorithm> checkedByStore, Content content) {
    List<Crc> crcs =
        checkedByStore.stream().map(Crc::of).filter(Objects::nonNull).sorted().toList();
    boolean md5 = checkedByStore.contains(ChecksumAlgorithm.MD5);
    if (crcs.isEmpty() && !md5) {
      return Map.of();
    }
    Map<ChecksumAlgorithm, String> expected = new LinkedHashMap<>();
    MessageDigest digest = md5 ? Md5.newDigest() : null;
    try (InputStream in = content.open();
        InputStream read = md5 ? new DigestInputStream(in, digest) : in) {
      expected.putAll(Sums.of(read, crcs).toMap());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the source failed: " + e.getMessage(), e);
    }
    if (md5) {
      expected.put(ChecksumAlgorithm.MD5, HexFormat.of().formatHex(digest.digest()));
    }
    return expected;
  }
}
