package dev.stowage.provider.filesystem;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import java.util.EnumSet;
import java.util.Set;

/** What a filesystem store declares: all of it, or, in a plain folder, less. */
final class FilesystemCapabilities {
  private static final long GIB = 1024L * 1024 * 1024;

  private FilesystemCapabilities() {}

  /**
   * The capabilities of a store with or without multipart uploads (a plain folder has none) and
   * user metadata (a plain folder keeps it only in extended attributes).
   */
  static Capabilities of(boolean multipart, boolean metadata) {
    Set<Capability> features =
        EnumSet.of(
            Capability.CONDITIONAL_CREATE,
            Capability.RANGED_READ,
            Capability.ATOMIC_WRITE,
            Capability.SETTABLE_LAST_MODIFIED,
            Capability.VERIFIES_EXPECTED_CHECKSUMS,
            Capability.COPY);
    if (multipart) {
      features.add(Capability.MULTIPART);
      features.add(Capability.VERIFIES_EXPECTED_PART_CHECKSUMS);
      features.add(Capability.REPORTS_PART_CHECKSUMS);
      features.add(Capability.LIST_MULTIPART_UPLOADS);
    }
    if (metadata) {
      features.add(Capability.USER_METADATA);
    }
    return Capabilities.builder()
        .features(features.toArray(Capability[]::new))
        .checksums(ChecksumAlgorithm.CRC32C)
        .expectedChecksums(ChecksumAlgorithm.CRC32C)
        .parts(1, 5 * GIB, 10_000)
        .maxSingleWriteSize(Long.MAX_VALUE)
        .maxCopySize(Long.MAX_VALUE)
        .maxDeleteBatch(1_000)
        .maxKeyBytes(RootDirectory.MAX_KEY_BYTES)
        .maxUserMetadataBytes(2_048)
        .build();
  }
}
