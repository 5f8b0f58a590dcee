package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A multipart upload in progress: everything a store needs to go on with it, from this instance or
 * from another one opened later (a resumed transfer, a sweep after a restart). Immutable.
 *
 * <p>Besides the key and the store's upload id, the handle carries whether completion must not
 * replace an existing object ({@link #createOnly()}) and an opaque {@link #state()} a provider may
 * set to keep anything else it needs at completion. Handles are written to journals, so neither may
 * hold a secret.
 */
public final class MultipartUpload {
  private final String key;
  private final String uploadId;
  private final Instant initiated;
  private final boolean createOnly;
  private final String state;

  private MultipartUpload(Builder builder) {
    this.key = requireNonNull(builder.key, "key is null");
    this.uploadId = requireNonNull(builder.uploadId, "uploadId is null");
    if (uploadId.isEmpty()) {
      throw new IllegalArgumentException("uploadId is empty");
    }
    this.initiated = requireNonNull(builder.initiated, "initiated is null");
    this.createOnly = builder.createOnly;
    this.state = builder.state;
  }

  /**
   * Returns a builder for an upload of a key with the store's id for it; it began now unless told
   * otherwise, is not create-only and has no state.
   *
   * @param key the key the upload will create, relative to the store's location
   * @param uploadId the store's id for the upload, not empty
   * @return the builder
   */
  public static Builder builder(String key, String uploadId) {
    return new Builder(key, uploadId);
  }

  /**
   * Returns the key the upload will create, relative to the store's location.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the store's id for the upload.
   *
   * @return the id
   */
  public String uploadId() {
    return uploadId;
  }

  /**
   * Returns when the upload began.
   *
   * @return the time
   */
  public Instant initiated() {
    return initiated;
  }

  /**
   * Returns whether completion must fail with {@link PreconditionFailedException} if the key
   * exists. A store that lists uploads may not know it, and reports false.
   *
   * @return true if the upload was initiated create-only
   */
  public boolean createOnly() {
    return createOnly;
  }

  /**
   * Returns the provider's opaque state for this upload, if it set any.
   *
   * @return the state
   */
  public Optional<String> state() {
    return Optional.ofNullable(state);
  }

  /**
   * Returns a builder preset with this upload's fields.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder(key, uploadId).initiated(initiated).createOnly(createOnly);
    builder.state = state;
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof MultipartUpload that
        && key.equals(that.key)
        && uploadId.equals(that.uploadId)
        && initiated.equals(that.initiated)
        && createOnly == that.createOnly
        && Objects.equals(state, that.state);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, uploadId, initiated, createOnly, state);
  }

  @Override
  public String toString() {
    return "MultipartUpload[key="
        + Keys.printable(key)
        + ", uploadId="
        + uploadId
        + ", initiated="
        + initiated
        + (createOnly ? ", createOnly" : "")
        + (state == null ? "" : ", state=" + state)
        + "]";
  }

  /** Builds a {@link MultipartUpload}. */
  public static final class Builder {
    private final String key;
    private final String uploadId;
    private Instant initiated = Instant.now();
    private boolean createOnly;
    private String state;

    private Builder(String key, String uploadId) {
      this.key = key;
      this.uploadId = uploadId;
    }

    /**
     * Sets when the upload began.
     *
     * @param time the time
     * @return this builder
     */
    public Builder initiated(Instant time) {
      this.initiated = requireNonNull(time, "time is null");
      return this;
    }

    /**
     * Sets whether completion must not replace an existing object.
     *
     * @param value true for create-only
     * @return this builder
     */
    public Builder createOnly(boolean value) {
      this.createOnly = value;
      return this;
    }

    /**
     * Sets the provider's opaque state; it must hold no secret.
     *
     * @param value the state, not empty
     * @return this builder
     */
    public Builder state(String value) {
      if (requireNonNull(value, "value is null").isEmpty()) {
        throw new IllegalArgumentException("state is empty");
      }
      this.state = value;
      return this;
    }

    /**
     * Returns the upload.
     *
     * @return the upload
     * @throws NullPointerException if the key or the id is null
     * @throws IllegalArgumentException if the id is empty
     */
    public MultipartUpload build() {
      return new MultipartUpload(this);
    }
  }
}
