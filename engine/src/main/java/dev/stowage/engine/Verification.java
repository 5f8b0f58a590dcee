package dev.stowage.engine;

import dev.stowage.api.Capabilities;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * End-to-end checks of a transfer: which checksums to compute, and whether the bytes read match
 * what the source records and what the target reports having stored.
 */
final class Verification {
  private Verification() {}

  /**
   * The checksums to compute: CRC-32C always, those the engine was asked for, and each one the
   * engine can compute that the target declares or the source records.
   */
  static List<Crc> codes(
      EngineResources engine, Capabilities target, Collection<ChecksumAlgorithm> sourceRecorded) {
    Set<Crc> codes = EnumSet.of(Crc.CRC32C);
    codes.addAll(engine.extraChecksums);
    for (ChecksumAlgorithm algorithm : target.checksumAlgorithms()) {
      Optional.ofNullable(Crc.of(algorithm)).ifPresent(codes::add);
    }
    for (ChecksumAlgorithm algorithm : sourceRecorded) {
      Optional.ofNullable(Crc.of(algorithm)).ifPresent(codes::add);
    }
    return new ArrayList<>(codes);
  }

  /**
   * Compares the bytes read with the source's record and with what the store holds.
   *
   * @return what is wrong, or empty if all matches
   */
  static Optional<String> problem(
      Sums read, Map<ChecksumAlgorithm, String> sourceRecorded, ObjectInfo stored) {
    return sourceProblem(read, sourceRecorded)
        .or(() -> storeProblem(read, stored.size(), stored.checksums()));
  }

  /**
   * Compares the bytes read with the checksums the source records of them.
   *
   * @return what is wrong, or empty if every checksum in common matches
   */
  static Optional<String> sourceProblem(Sums read, Map<ChecksumAlgorithm, String> sourceRecorded) {
    Map<ChecksumAlgorithm, String> computed = read.toMap();
    for (Map.Entry<ChecksumAlgorithm, String> sum : computed.entrySet()) {
      String recorded = sourceRecorded.get(sum.getKey());
      if (recorded != null && !recorded.equals(sum.getValue())) {
        return Optional.of(
            "the bytes read have "
                + name(sum.getKey())
                + " "
                + sum.getValue()
                + " but the source records "
                + recorded);
      }
    }
    return Optional.empty();
  }

  /**
   * Compares the bytes sent with what the store reports having stored, for an object or a part.
   *
   * @param storedSize the size the store reported, or {@link ObjectInfo#UNKNOWN_SIZE} if it did not
   * @return what is wrong, or empty if the size (where reported) and every checksum in common match
   */
  static Optional<String> storeProblem(
      Sums sent, long storedSize, Map<ChecksumAlgorithm, String> storedChecksums) {
    if (storedSize != ObjectInfo.UNKNOWN_SIZE && storedSize != sent.length()) {
      return Optional.of(
          "the store holds " + storedSize + " bytes where " + sent.length() + " were sent");
    }
    for (Map.Entry<ChecksumAlgorithm, String> sum : sent.toMap().entrySet()) {
      String reported = storedChecksums.get(sum.getKey());
      if (reported != null && !reported.equals(sum.getValue())) {
        return Optional.of(
            "the store records "
                + name(sum.getKey())
                + " "
                + reported
                + " where "
                + sum.getValue()
                + " was sent");
      }
    }
    return Optional.empty();
  }

  /**
   * When the source records no checksum the engine computed but does record an MD5 (an S3 ETag of a
   * single-part object), reads the written file once more and compares its MD5: ranges read in
   * parallel cannot be summed into an MD5 as they arrive.
   *
   * @return what is wrong, or empty if it matches or there is nothing to compare
   */
  static Optional<String> md5Problem(Sums read, ObjectInfo source, Path written) {
    String md5 = source.checksums().get(ChecksumAlgorithm.MD5);
    boolean compared = read.toMap().keySet().stream().anyMatch(source.checksums()::containsKey);
    if (md5 == null || compared) {
      return Optional.empty();
    }
    try {
      String actual = Md5.of(Files.newInputStream(written));
      return actual.equals(md5)
          ? Optional.empty()
          : Optional.of("the bytes read have MD5 " + actual + " but the source records " + md5);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back " + written, e);
    }
  }

  /**
   * Tells whether an object found under the key holds exactly the bytes read: same size and at
   * least one checksum in common, all equal. Used when a retried write may have landed before its
   * answer was lost.
   */
  static boolean holds(ObjectInfo found, Sums read) {
    if (found.size() != read.length()) {
      return false;
    }
    boolean compared = false;
    for (Map.Entry<ChecksumAlgorithm, String> sum : read.toMap().entrySet()) {
      String reported = found.checksums().get(sum.getKey());
      if (reported != null) {
        if (!reported.equals(sum.getValue())) {
          return false;
        }
        compared = true;
      }
    }
    return compared;
  }

  private static String name(ChecksumAlgorithm algorithm) {
    return switch (algorithm) {
      case CRC32C -> "CRC-32C";
      case CRC64ECMA -> "CRC-64/ECMA";
      default -> algorithm.name();
    };
  }

  /** Deletes an object that failed its check, and fails with what was wrong. */
  static IntegrityException reject(ObjectStore target, String key, String problem) {
    ErrorContext context =
        ErrorContext.of(dev.stowage.api.StorageOperation.WRITE, target.location());
    try {
      target.delete(key);
    } catch (StorageException e) {
      problem += "; deleting the bad object failed too (" + e.getMessage() + ")";
    }
    return new IntegrityException(
        context.withKey(key), problem + ". Nothing was kept; transfer it again.");
  }
}
