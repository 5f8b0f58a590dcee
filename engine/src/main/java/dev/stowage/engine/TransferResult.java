package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ObjectInfo;
import java.time.Duration;
import java.util.Map;

/**
 * What one object's transfer did: the object, the bytes and parts sent, the requests retried, how
 * long it took, the checksums of the bytes, each verified against every record of it, and how the
 * engine verified the object.
 *
 * @param object the written object as the store reported it (for a download, the source object)
 * @param bytes the bytes transferred
 * @param parts the parts or ranges, or 1 for a single request
 * @param retries requests sent again after a retryable failure
 * @param duration from the first request to the verified end
 * @param checksums the checksums of the bytes transferred, lower-case hex; always CRC-32C
 * @param verifiedBy the evidence the engine compared: for an upload, the store's answer, a stat or
 *     a read back; for a download, the source's record; or the size only, when nothing more was
 *     reported
 */
public record TransferResult(
    ObjectInfo object,
    long bytes,
    int parts,
    int retries,
    Duration duration,
    Map<ChecksumAlgorithm, String> checksums,
    VerifiedBy verifiedBy) {

  /**
   * Copies the checksums.
   *
   * @param object see the record description
   * @param bytes see the record description
   * @param parts see the record description
   * @param retries see the record description
   * @param duration see the record description
   * @param checksums see the record description
   * @param verifiedBy see the record description
   */
  public TransferResult {
    checksums = Map.copyOf(checksums);
    requireNonNull(verifiedBy, "verifiedBy is null");
  }

  /**
   * Returns the CRC-32C of the bytes.
   *
   * @return 8 lower-case hex digits
   */
  public String crc32c() {
    return checksums.get(ChecksumAlgorithm.CRC32C);
  }
}
