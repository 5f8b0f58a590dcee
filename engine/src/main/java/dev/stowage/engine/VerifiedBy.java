package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ObjectInfo;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How the engine knows a transferred object holds the bytes it read: which evidence it compared and
 * which checksums took part. {@link #toString()} gives the short form the CLI prints, such as
 * {@code crc32c (store)}, {@code md5-etag} (the MD5 an ETag gives), {@code crc32c (stat)} or {@code
 * size only}. Immutable.
 *
 * @param method where the evidence came from
 * @param checksums the checksums compared and found equal; empty for {@link Method#SIZE_ONLY}
 */
public record VerifiedBy(Method method, Set<ChecksumAlgorithm> checksums) {
  /** Where the evidence of a transfer came from. */
  public enum Method {
    /** Checksums the store sent in its answer to the write. */
    STORE_ANSWER("store"),
    /** Checksums a stat of the object after the write reported. */
    STAT("stat"),
    /** The object was read back after the write and its checksums computed. */
    READ_BACK("read back"),
    /** Checksums the source records of the object read (a download). */
    SOURCE("source"),
    /** Only the size could be compared: the store reported no checksum the engine computed. */
    SIZE_ONLY("size only");

    private final String label;

    Method(String label) {
      this.label = label;
    }
  }

  /**
   * Checks that every method but {@link Method#SIZE_ONLY} names a checksum, and copies them.
   *
   * @param method see the record description
   * @param checksums see the record description
   */
  public VerifiedBy {
    requireNonNull(method, "method is null");
    checksums = checksums.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(checksums));
    if (checksums.isEmpty() != (method == Method.SIZE_ONLY)) {
      throw new IllegalArgumentException(method + " with checksums " + checksums);
    }
  }

  /**
   * Returns the evidence of a transfer that could compare only the size.
   *
   * @return the evidence
   */
  public static VerifiedBy sizeOnly() {
    return new VerifiedBy(Method.SIZE_ONLY, Set.of());
  }

  /**
   * The evidence of a download whose bytes matched every checksum the source records (an MD5 too,
   * which the engine compares by reading the written file again).
   */
  static VerifiedBy ofSource(Sums read, ObjectInfo source) {
    Set<ChecksumAlgorithm> compared = StoredCheck.common(read, source.checksums());
    if (compared.isEmpty() && source.checksums().containsKey(ChecksumAlgorithm.MD5)) {
      compared = Set.of(ChecksumAlgorithm.MD5);
    }
    return compared.isEmpty() ? sizeOnly() : new VerifiedBy(Method.SOURCE, compared);
  }

  /**
   * Tells whether a checksum took part, not only the size.
   *
   * @return false for {@link Method#SIZE_ONLY}
   */
  public boolean byChecksum() {
    return method != Method.SIZE_ONLY;
  }

  @Override
  public String toString() {
    if (method == Method.SIZE_ONLY) {
      return method.label;
    }
    if (method == Method.STORE_ANSWER && checksums.equals(Set.of(ChecksumAlgorithm.MD5))) {
      return "md5-etag";
    }
    String names =
        EnumSet.copyOf(checksums).stream()
            .map(algorithm -> algorithm.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining("+"));
    return names + " (" + method.label + ")";
  }
}
