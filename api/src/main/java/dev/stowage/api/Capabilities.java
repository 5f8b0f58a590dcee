package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a store can do and its limits. The engine plans parts and batches from these numbers, and
 * the compliance kit runs a test only if its feature is declared. Immutable.
 *
 * @param features the optional features the store supports
 * @param minPartSize smallest multipart part in bytes, except the last part
 * @param maxPartSize largest multipart part in bytes
 * @param maxParts largest number of parts in one upload
 * @param maxSingleWriteSize largest object one {@link ObjectStore#put} may write, in bytes
 * @param maxDeleteBatch most keys one {@link ObjectStore#delete} call may name
 * @param maxKeyBytes longest key in UTF-8 bytes
 * @param maxUserMetadataBytes most bytes of user metadata (names plus values, UTF-8) per object
 * @param checksumAlgorithms the whole-object checksums the store records and reports
 */
public record Capabilities(
    Set<Capability> features,
    long minPartSize,
    long maxPartSize,
    int maxParts,
    long maxSingleWriteSize,
    int maxDeleteBatch,
    int maxKeyBytes,
    int maxUserMetadataBytes,
    Set<ChecksumAlgorithm> checksumAlgorithms) {

  /**
   * Checks the limits and copies the sets.
   *
   * @param features see the record description
   * @param minPartSize see the record description
   * @param maxPartSize see the record description
   * @param maxParts see the record description
   * @param maxSingleWriteSize see the record description
   * @param maxDeleteBatch see the record description
   * @param maxKeyBytes see the record description
   * @param maxUserMetadataBytes see the record description
   * @param checksumAlgorithms see the record description
   */
  public Capabilities {
    features = Set.copyOf(requireNonNull(features, "features is null"));
    checksumAlgorithms =
        Set.copyOf(requireNonNull(checksumAlgorithms, "checksumAlgorithms is null"));
    positive(minPartSize, "minPartSize");
    positive(maxPartSize, "maxPartSize");
    positive(maxParts, "maxParts");
    positive(maxSingleWriteSize, "maxSingleWriteSize");
    positive(maxDeleteBatch, "maxDeleteBatch");
    positive(maxKeyBytes, "maxKeyBytes");
    if (maxUserMetadataBytes < 0) {
      throw new IllegalArgumentException("maxUserMetadataBytes is negative");
    }
    if (minPartSize > maxPartSize) {
      throw new IllegalArgumentException("minPartSize is larger than maxPartSize");
    }
  }

  private static void positive(long value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " is not positive: " + value);
    }
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
   * parts, 5 GiB single writes, 1,000 keys per delete, 1,024-byte keys, 2 KiB of metadata.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link Capabilities}. */
  public static final class Builder {
    private static final long MIB = 1024L * 1024;

    private final Set<Capability> features = EnumSet.noneOf(Capability.class);
    private final Set<ChecksumAlgorithm> checksums = EnumSet.noneOf(ChecksumAlgorithm.class);
    private long minPartSize = 5 * MIB;
    private long maxPartSize = 5 * 1024 * MIB;
    private int maxParts = 10_000;
    private long maxSingleWriteSize = 5 * 1024 * MIB;
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
      return new Capabilities(
          features,
          minPartSize,
          maxPartSize,
          maxParts,
          maxSingleWriteSize,
          maxDeleteBatch,
          maxKeyBytes,
          maxUserMetadataBytes,
          checksums);
    }
  }
}
