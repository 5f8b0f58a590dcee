package dev.stowage.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a store can do and its limits. The engine plans parts and batches from these numbers, and
 * the compliance kit runs a test only if its feature is declared. Immutable; built with {@link
 * #builder()}, so that a limit added later changes no constructor.
 */
public final class Capabilities {
  private final Set<Capability> features;
  private final long minPartSize;
  private final long maxPartSize;
  private final int maxParts;
  private final long maxSingleWriteSize;
  private final long maxCopySize;
  private final int maxDeleteBatch;
  private final int maxKeyBytes;
  private final int maxUserMetadataBytes;
  private final Set<ChecksumAlgorithm> checksumAlgorithms;
  private final Set<ChecksumAlgorithm> expectedChecksumAlgorithms;

  private Capabilities(Builder builder) {
    features = Set.copyOf(builder.features);
    checksumAlgorithms = Set.copyOf(builder.checksums);
    expectedChecksumAlgorithms = Set.copyOf(builder.expectedChecksums);
    minPartSize = atLeast(1, builder.minPartSize, "minPartSize");
    maxPartSize = atLeast(1, builder.maxPartSize, "maxPartSize");
    maxParts = (int) atLeast(1, builder.maxParts, "maxParts");
    maxSingleWriteSize = atLeast(1, builder.maxSingleWriteSize, "maxSingleWriteSize");
    maxCopySize = atLeast(1, builder.maxCopySize, "maxCopySize");
    maxDeleteBatch = (int) atLeast(1, builder.maxDeleteBatch, "maxDeleteBatch");
    maxKeyBytes = (int) atLeast(1, builder.maxKeyBytes, "maxKeyBytes");
    maxUserMetadataBytes = (int) atLeast(0, builder.maxUserMetadataBytes, "maxUserMetadataBytes");
    if (minPartSize > maxPartSize) {
      throw new IllegalArgumentException("minPartSize is larger than maxPartSize");
    }
  }

  private static long atLeast(long least, long value, String name) {
    if (value < least) {
      throw new IllegalArgumentException(name + " is less than " + least + ": " + value);
    }
    return value;
  }

  /**
   * Returns the optional features the store supports.
   *
   * @return the features
   */
  public Set<Capability> features() {
    return features;
  }

  /**
   * Returns the smallest multipart part in bytes, except the last part.
   *
   * @return the size
   */
  public long minPartSize() {
    return minPartSize;
  }

  /**
   * Returns the largest multipart part in bytes.
   *
   * @return the size
   */
  public long maxPartSize() {
    return maxPartSize;
  }

  /**
   * Returns the largest number of parts in one upload.
   *
   * @return the count
   */
  public int maxParts() {
    return maxParts;
  }

  /**
   * Returns the largest object one {@link ObjectStore#put} may write, in bytes.
   *
   * @return the size
   */
  public long maxSingleWriteSize() {
    return maxSingleWriteSize;
  }

  /**
   * Returns the largest object one {@link ObjectStore#copy} may copy, in bytes; meaningful only
   * with {@link Capability#COPY}.
   *
   * @return the size
   */
  public long maxCopySize() {
    return maxCopySize;
  }

  /**
   * Returns the most keys one {@link ObjectStore#deleteAll} call may name.
   *
   * @return the count
   */
  public int maxDeleteBatch() {
    return maxDeleteBatch;
  }

  /**
   * Returns the longest key in UTF-8 bytes.
   *
   * @return the length
   */
  public int maxKeyBytes() {
    return maxKeyBytes;
  }

  /**
   * Returns the most bytes of user metadata (names plus values, UTF-8) per object.
   *
   * @return the size
   */
  public int maxUserMetadataBytes() {
    return maxUserMetadataBytes;
  }

  /**
   * Returns the whole-object checksums the store records and reports.
   *
   * @return the algorithms
   */
  public Set<ChecksumAlgorithm> checksumAlgorithms() {
    return checksumAlgorithms;
  }

  /**
   * Returns the algorithms of an {@link WriteOptions#expectedChecksums() expected checksum} that
   * {@link ObjectStore#put} checks before it publishes ({@link
   * Capability#VERIFIES_EXPECTED_CHECKSUMS}); OSS checks an MD5 and reports a CRC-64.
   *
   * @return the algorithms, empty where the store checks no expected checksum
   */
  public Set<ChecksumAlgorithm> expectedChecksumAlgorithms() {
    return supports(Capability.VERIFIES_EXPECTED_CHECKSUMS) ? expectedChecksumAlgorithms : Set.of();
  }

  /**
   * Returns whether the store declares a feature.
   *
   * @param feature the feature
   * @return true if declared
   */
  public boolean supports(Capability feature) {
    return features.contains(feature);
  }

  /**
   * Returns a builder preset with S3's limits and no optional feature: 5 MiB to 5 GiB parts, 10,000
   * parts, 5 GiB single writes and copies, 1,000 keys per delete, 1,024-byte keys, 2 KiB of
   * metadata.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns a builder preset with these capabilities, to derive others from them.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder builder =
        new Builder()
            .parts(minPartSize, maxPartSize, maxParts)
            .maxSingleWriteSize(maxSingleWriteSize)
            .maxCopySize(maxCopySize)
            .maxDeleteBatch(maxDeleteBatch)
            .maxKeyBytes(maxKeyBytes)
            .maxUserMetadataBytes(maxUserMetadataBytes);
    builder.features.addAll(features);
    builder.checksums.addAll(checksumAlgorithms);
    builder.expectedChecksums.addAll(expectedChecksumAlgorithms);
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Capabilities that && state().equals(that.state());
  }

  @Override
  public int hashCode() {
    return state().hashCode();
  }

  private List<Object> state() {
    return List.of(
        features,
        minPartSize,
        maxPartSize,
        maxParts,
        maxSingleWriteSize,
        maxCopySize,
        maxDeleteBatch,
        maxKeyBytes,
        maxUserMetadataBytes,
        checksumAlgorithms,
        expectedChecksumAlgorithms);
  }

  @Override
  public String toString() {
    return String.format(
        "Capabilities[features=%s, parts=%d..%d x %d, maxSingleWriteSize=%d, maxCopySize=%d,"
            + " maxDeleteBatch=%d, maxKeyBytes=%d, maxUserMetadataBytes=%d, checksums=%s%s]",
        new TreeSet<>(features),
        minPartSize,
        maxPartSize,
        maxParts,
        maxSingleWriteSize,
        maxCopySize,
        maxDeleteBatch,
        maxKeyBytes,
        maxUserMetadataBytes,
        new TreeSet<>(checksumAlgorithms),
        expectedChecksumAlgorithms.isEmpty()
            ? ""
            : ", expectedChecksums=" + new TreeSet<>(expectedChecksumAlgorithms));
  }

  /** Builds {@link Capabilities}. */
  public static final class Builder {
    private static final long MIB = 1024L * 1024;

    private final Set<Capability> features = EnumSet.noneOf(Capability.class);
    private final Set<ChecksumAlgorithm> checksums = EnumSet.noneOf(ChecksumAlgorithm.class);
    private final Set<ChecksumAlgorithm> expectedChecksums =
        EnumSet.noneOf(ChecksumAlgorithm.class);
    private long minPartSize = 5 * MIB;
    private long maxPartSize = 5 * 1024 * MIB;
    private int maxParts = 10_000;
    private long maxSingleWriteSize = 5 * 1024 * MIB;
    private long maxCopySize = 5 * 1024 * MIB;
    private int maxDeleteBatch = 1_000;
    private int maxKeyBytes = 1_024;
    private int maxUserMetadataBytes = 2_048;

    private Builder() {}

    /**
     * Declares features.
     *
     * @param declared the features
     * @return this builder
     */
    public Builder features(Capability... declared) {
      features.addAll(Set.of(declared));
      return this;
    }

    /**
     * Withdraws features declared before.
     *
     * @param withdrawn the features
     * @return this builder
     */
    public Builder withoutFeatures(Set<Capability> withdrawn) {
      features.removeAll(withdrawn);
      return this;
    }

    /**
     * Withdraws checksum algorithms declared before.
     *
     * @param withdrawn the algorithms
     * @return this builder
     */
    public Builder withoutChecksums(Set<ChecksumAlgorithm> withdrawn) {
      checksums.removeAll(withdrawn);
      expectedChecksums.removeAll(withdrawn);
      return this;
    }

    /**
     * Declares the algorithms of an expected checksum the store checks before it publishes a write
     * (see {@link Capabilities#expectedChecksumAlgorithms()}); meaningful with {@link
     * Capability#VERIFIES_EXPECTED_CHECKSUMS}.
     *
     * @param algorithms the algorithms
     * @return this builder
     */
    public Builder expectedChecksums(ChecksumAlgorithm... algorithms) {
      expectedChecksums.addAll(Set.of(algorithms));
      return this;
    }

    /**
     * Declares checksum algorithms the store reports.
     *
     * @param algorithms the algorithms
     * @return this builder
     */
    public Builder checksums(ChecksumAlgorithm... algorithms) {
      checksums.addAll(Set.of(algorithms));
      return this;
    }

    /**
     * Sets the part size limits.
     *
     * @param min smallest part but the last, in bytes
     * @param max largest part, in bytes
     * @param count most parts per upload
     * @return this builder
     */
    public Builder parts(long min, long max, int count) {
      this.minPartSize = min;
      this.maxPartSize = max;
      this.maxParts = count;
      return this;
    }

    /**
     * Sets the largest single write.
     *
     * @param bytes the limit in bytes
     * @return this builder
     */
    public Builder maxSingleWriteSize(long bytes) {
      this.maxSingleWriteSize = bytes;
      return this;
    }

    /**
     * Sets the largest object one {@link ObjectStore#copy} may copy.
     *
     * @param bytes the size
     * @return this builder
     */
    public Builder maxCopySize(long bytes) {
      this.maxCopySize = bytes;
      return this;
    }

    /**
     * Sets the most keys per delete call.
     *
     * @param keys the limit
     * @return this builder
     */
    public Builder maxDeleteBatch(int keys) {
      this.maxDeleteBatch = keys;
      return this;
    }

    /**
     * Sets the longest key.
     *
     * @param bytes the limit in UTF-8 bytes
     * @return this builder
     */
    public Builder maxKeyBytes(int bytes) {
      this.maxKeyBytes = bytes;
      return this;
    }

    /**
     * Sets the user-metadata limit.
     *
     * @param bytes the limit in UTF-8 bytes of names plus values
     * @return this builder
     */
    public Builder maxUserMetadataBytes(int bytes) {
      this.maxUserMetadataBytes = bytes;
      return this;
    }

    /**
     * Returns the capabilities.
     *
     * @return the capabilities
     * @throws IllegalArgumentException if a limit is not positive or the part sizes are inverted
     */
    public Capabilities build() {
      return new Capabilities(this);
    }
  }
}
