package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a store knows of one object. Listings fill in key, size and, when the store has them, the
 * last-modified time and ETag; {@link ObjectStore#stat} adds user metadata and checksums. The
 * answer to a write holds only what the store said in it: a size or checksum it did not report is
 * absent ({@link #sizeKnown()} false, no entry in {@link #checksums()}), never copied from the
 * request. Immutable.
 */
public final class ObjectInfo {
  /** The {@link #size()} of an answer that did not report the object's size. */
  public static final long UNKNOWN_SIZE = -1;

  private final String key;
  private final long size;
  private final Instant lastModified;
  private final String etag;
  private final Map<String, String> userMetadata;
  private final Map<ChecksumAlgorithm, String> checksums;

  private ObjectInfo(Builder builder) {
    this.key = builder.key;
    this.size = builder.size;
    this.lastModified = builder.lastModified;
    this.etag = builder.etag;
    this.userMetadata = Map.copyOf(builder.userMetadata);
    this.checksums = Map.copyOf(builder.checksums);
  }

  /**
   * Returns a builder.
   *
   * @param key the key, relative to the store's location
   * @param size the size in bytes
   * @return the builder
   */
  public static Builder builder(String key, long size) {
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    return new Builder(key, size);
  }

  /**
   * Returns a builder for the answer to a write that did not report the object's size.
   *
   * @param key the key, relative to the store's location
   * @return the builder, of size {@link #UNKNOWN_SIZE} until {@link Builder#size} is called
   */
  public static Builder builder(String key) {
    return new Builder(key, UNKNOWN_SIZE);
  }

  /**
   * Returns the key, relative to the store's location.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the size in bytes. Listings and {@link ObjectStore#stat} always know it; the answer to
   * a write may not, see {@link #sizeKnown()}.
   *
   * @return the size, or {@link #UNKNOWN_SIZE} if the store did not report it
   */
  public long size() {
    return size;
  }

  /**
   * Tells whether the store reported the size.
   *
   * @return false for the answer to a write that did not report it
   */
  public boolean sizeKnown() {
    return size != UNKNOWN_SIZE;
  }

  /**
   * Returns when the object was last written, if the store reports it.
   *
   * @return the time
   */
  public Optional<Instant> lastModified() {
    return Optional.ofNullable(lastModified);
  }

  /**
   * Returns the store's entity tag, without quotes, if it has one. It changes when the content
   * does.
   *
   * @return the ETag
   */
  public Optional<String> etag() {
    return Optional.ofNullable(etag);
  }

  /**
   * Returns the user metadata, names lower-case; empty in listings.
   *
   * @return the metadata
   */
  public Map<String, String> userMetadata() {
    return userMetadata;
  }

  /**
   * Returns the whole-object checksums the store recorded, as lower-case hex; empty in listings.
   *
   * @return checksums by algorithm
   */
  public Map<ChecksumAlgorithm, String> checksums() {
    return checksums;
  }

  /**
   * Returns a builder holding this object's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder(key, size).userMetadata(userMetadata).checksums(checksums);
    builder.lastModified = lastModified;
    builder.etag = etag;
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectInfo that
        && key.equals(that.key)
        && size == that.size
        && Objects.equals(lastModified, that.lastModified)
        && Objects.equals(etag, that.etag)
        && userMetadata.equals(that.userMetadata)
        && checksums.equals(that.checksums);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, size, lastModified, etag, userMetadata, checksums);
  }

  @Override
  public String toString() {
    return "ObjectInfo[key="
        + key
        + ", size="
        + (sizeKnown() ? String.valueOf(size) : "unreported")
        + ", lastModified="
        + lastModified
        + ", etag="
        + etag
        + ", userMetadata="
        + userMetadata
        + ", checksums="
        + checksums
        + "]";
  }

  /** Builds {@link ObjectInfo}. */
  public static final class Builder {
    private final String key;
    private long size;
    private Instant lastModified;
    private String etag;
    private Map<String, String> userMetadata = Map.of();
    private final Map<ChecksumAlgorithm, String> checksums = new EnumMap<>(ChecksumAlgorithm.class);

    private Builder(String key, long size) {
      this.key = requireNonNull(key, "key is null");
      this.size = size;
    }

    /**
     * Sets the size.
     *
     * @param bytes the size in bytes
     * @return this builder
     */
    public Builder size(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("size is negative: " + bytes);
      }
      this.size = bytes;
      return this;
    }

    /**
     * Sets the last-modified time.
     *
     * @param time the time
     * @return this builder
     */
    public Builder lastModified(Instant time) {
      this.lastModified = requireNonNull(time, "time is null");
      return this;
    }

    /**
     * Sets the ETag; surrounding quotes are removed.
     *
     * @param value the ETag
     * @return this builder
     */
    public Builder etag(String value) {
      requireNonNull(value, "value is null");
      this.etag =
          value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
              ? value.substring(1, value.length() - 1)
              : value;
      return this;
    }

    /**
     * Sets the user metadata.
     *
     * @param metadata names to values
     * @return this builder
     */
    public Builder userMetadata(Map<String, String> metadata) {
      this.userMetadata = Map.copyOf(metadata);
      return this;
    }

    /**
     * Adds a checksum.
     *
     * @param algorithm the algorithm
     * @param hex the value, hexadecimal; stored lower-case
     * @return this builder
     */
    public Builder checksum(ChecksumAlgorithm algorithm, String hex) {
      checksums.put(
          requireNonNull(algorithm, "algorithm is null"),
          requireNonNull(hex, "hex is null").toLowerCase(java.util.Locale.ROOT));
      return this;
    }

    /**
     * Adds checksums.
     *
     * @param values checksums by algorithm
     * @return this builder
     */
    public Builder checksums(Map<ChecksumAlgorithm, String> values) {
      values.forEach(this::checksum);
      return this;
    }

    /**
     * Returns the object info.
     *
     * @return the info
     */
    public ObjectInfo build() {
      return new ObjectInfo(this);
    }
  }
}
