package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How to write an object: user metadata, content type, create-only, and the modification time to
 * keep. Immutable.
 */
public final class WriteOptions {
  /** No metadata, no content type, overwrite allowed. */
  public static final WriteOptions DEFAULTS = builder().build();

  private final Map<String, String> userMetadata;
  private final String contentType;
  private final boolean createOnly;
  private final Instant lastModified;
  private final Map<ChecksumAlgorithm, String> expectedChecksums;

  private WriteOptions(Builder builder) {
    this.userMetadata = Map.copyOf(builder.userMetadata);
    this.contentType = builder.contentType;
    this.createOnly = builder.createOnly;
    this.lastModified = builder.lastModified;
    this.expectedChecksums = Map.copyOf(builder.expectedChecksums);
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the user metadata, names lower-case.
   *
   * @return the metadata
   */
  public Map<String, String> userMetadata() {
    return userMetadata;
  }

  /**
   * Returns the MIME type to store, if any.
   *
   * @return the content type
   */
  public Optional<String> contentType() {
    return Optional.ofNullable(contentType);
  }

  /**
   * Returns whether the write must fail with {@link PreconditionFailedException} if the key exists.
   * Needs {@link Capability#CONDITIONAL_CREATE}.
   *
   * @return true for create-only
   */
  public boolean createOnly() {
    return createOnly;
  }

  /**
   * Returns the modification time the object should carry instead of the time of the write, if any.
   * Kept by stores that declare {@link Capability#SETTABLE_LAST_MODIFIED}, which then report it
   * from {@link ObjectStore#stat} and {@link ObjectStore#list}; ignored by others, where the
   * store's clock decides.
   *
   * @return the time
   */
  public Optional<Instant> lastModified() {
    return Optional.ofNullable(lastModified);
  }

  /**
   * Returns the checksums the written bytes must have, lower-case hex. A store that declares {@link
   * Capability#VERIFIES_EXPECTED_CHECKSUMS} checks each of an algorithm it declares before the
   * object is published, and refuses a mismatch with {@link IntegrityException}, leaving any old
   * object as it was; other stores ignore them.
   *
   * @return checksums by algorithm; empty by default
   */
  public Map<ChecksumAlgorithm, String> expectedChecksums() {
    return expectedChecksums;
  }

  /**
   * Returns a builder holding these options.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder().userMetadata(userMetadata).createOnly(createOnly);
    builder.contentType = contentType;
    builder.lastModified = lastModified;
    builder.expectedChecksums.putAll(expectedChecksums);
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof WriteOptions that
        && userMetadata.equals(that.userMetadata)
        && Objects.equals(contentType, that.contentType)
        && createOnly == that.createOnly
        && Objects.equals(lastModified, that.lastModified)
        && expectedChecksums.equals(that.expectedChecksums);
  }

  @Override
  public int hashCode() {
    return Objects.hash(userMetadata, contentType, createOnly, lastModified, expectedChecksums);
  }

  @Override
  public String toString() {
    return "WriteOptions[userMetadata="
        + new TreeMap<>(userMetadata)
        + ", contentType="
        + contentType
        + ", createOnly="
        + createOnly
        + (lastModified == null ? "" : ", lastModified=" + lastModified)
        + (expectedChecksums.isEmpty() ? "" : ", expectedChecksums=" + expectedChecksums)
        + "]";
  }

  /** Builds {@link WriteOptions}. */
  public static final class Builder {
    private final Map<String, String> userMetadata = new TreeMap<>();
    private String contentType;
    private boolean createOnly;
    private Instant lastModified;
    private final Map<ChecksumAlgorithm, String> expectedChecksums =
        new EnumMap<>(ChecksumAlgorithm.class);

    private Builder() {}

    /**
     * Adds user metadata. Names are lower-cased (as S3 and OSS return them) and must be non-empty
     * ASCII letters, digits, {@code -}, {@code _} or {@code .}; values are any text.
     *
     * @param metadata names to values
     * @return this builder
     * @throws IllegalArgumentException if a name is not of that form
     */
    public Builder userMetadata(Map<String, String> metadata) {
      metadata.forEach(this::userMetadata);
      return this;
    }

    /**
     * Adds one user-metadata entry.
     *
     * @param name the name, lower-cased
     * @param value the value
     * @return this builder
     * @throws IllegalArgumentException if the name is not of the form above
     */
    public Builder userMetadata(String name, String value) {
      requireNonNull(name, "name is null");
      requireNonNull(value, "value is null");
      if (!name.matches("[A-Za-z0-9._-]+")) {
        throw new IllegalArgumentException(
            "user metadata name '"
                + Keys.printable(name)
                + "' must be ASCII letters, digits, '-', '_' or '.'");
      }
      userMetadata.put(name.toLowerCase(Locale.ROOT), value);
      return this;
    }

    /**
     * Sets the content type.
     *
     * @param value a MIME type such as {@code application/octet-stream}
     * @return this builder
     */
    public Builder contentType(String value) {
      this.contentType = requireNonNull(value, "value is null");
      return this;
    }

    /**
     * Sets create-only.
     *
     * @param value true to fail if the key exists
     * @return this builder
     */
    public Builder createOnly(boolean value) {
      this.createOnly = value;
      return this;
    }

    /**
     * Sets the modification time to keep, for stores that can.
     *
     * @param time the time
     * @return this builder
     */
    public Builder lastModified(Instant time) {
      this.lastModified = requireNonNull(time, "time is null");
      return this;
    }

    /**
     * Adds a checksum the written bytes must have, for stores that check it.
     *
     * @param algorithm the algorithm
     * @param hex the value, hexadecimal; kept lower-case
     * @return this builder
     */
    public Builder expectedChecksum(ChecksumAlgorithm algorithm, String hex) {
      expectedChecksums.put(
          requireNonNull(algorithm, "algorithm is null"),
          requireNonNull(hex, "hex is null").toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Returns the options.
     *
     * @return the options
     */
    public WriteOptions build() {
      return new WriteOptions(this);
    }
  }
}
