package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;

/**
 * One page request of {@link ObjectStore#list}: keys that start with a prefix, optionally rolled up
 * at a delimiter, after a key or a continuation token, at most a page size of them. Immutable.
 */
public final class ListRequest {
  /** The default and largest page size. */
  public static final int MAX_PAGE_SIZE = 1_000;

  private final String prefix;
  private final String delimiter;
  private final String startAfter;
  private final int pageSize;
  private final String continuationToken;

  private ListRequest(Builder builder) {
    this.prefix = builder.prefix;
    this.delimiter = builder.delimiter;
    this.startAfter = builder.startAfter;
    this.pageSize = builder.pageSize;
    this.continuationToken = builder.continuationToken;
  }

  /**
   * Returns a request for the first page of every key under a prefix, with no delimiter.
   *
   * @param prefix the prefix, possibly empty
   * @return the request
   */
  public static ListRequest of(String prefix) {
    return builder().prefix(prefix).build();
  }

  /**
   * Returns a builder for a request of every key, 1,000 a page.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Returns the prefix every listed key starts with; empty for all keys.
   *
   * @return the prefix
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Returns the delimiter: keys holding it after the prefix are rolled up into one common prefix.
   *
   * @return the delimiter, usually {@code /}
   */
  public Optional<String> delimiter() {
    return Optional.ofNullable(delimiter);
  }

  /**
   * Returns the key after which the listing starts (exclusive).
   *
   * @return the key
   */
  public Optional<String> startAfter() {
    return Optional.ofNullable(startAfter);
  }

  /**
   * Returns the most entries (keys plus common prefixes) one page may hold, 1 to 1,000.
   *
   * @return the page size
   */
  public int pageSize() {
    return pageSize;
  }

  /**
   * Returns the token of the previous page, from {@link ListPage#nextToken()}.
   *
   * @return the token
   */
  public Optional<String> continuationToken() {
    return Optional.ofNullable(continuationToken);
  }

  /**
   * Returns the request for the page after the given one.
   *
   * @param token the previous page's {@link ListPage#nextToken()}
   * @return the next request
   */
  public ListRequest next(String token) {
    Builder builder = toBuilder();
    builder.continuationToken = requireNonNull(token, "token is null");
    return builder.build();
  }

  /**
   * Returns a builder holding this request's values.
   *
   * @return the builder
   */
  public Builder toBuilder() {
    Builder builder = new Builder().prefix(prefix).pageSize(pageSize);
    builder.delimiter = delimiter;
    builder.startAfter = startAfter;
    builder.continuationToken = continuationToken;
    return builder;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ListRequest that
        && prefix.equals(that.prefix)
        && Objects.equals(delimiter, that.delimiter)
        && Objects.equals(startAfter, that.startAfter)
        && pageSize == that.pageSize
        && Objects.equals(continuationToken, that.continuationToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(prefix, delimiter, startAfter, pageSize, continuationToken);
  }

  @Override
  public String toString() {
    return "ListRequest[prefix="
        + prefix
        + ", delimiter="
        + delimiter
        + ", startAfter="
        + startAfter
        + ", pageSize="
        + pageSize
        + ", continuationToken="
        + continuationToken
        + "]";
  }

  /** Builds {@link ListRequest}. */
  public static final class Builder {
    private String prefix = "";
    private String delimiter;
    private String startAfter;
    private int pageSize = MAX_PAGE_SIZE;
    private String continuationToken;

    private Builder() {}

    /**
     * Sets the prefix.
     *
     * @param value the prefix, possibly empty
     * @return this builder
     */
    public Builder prefix(String value) {
      this.prefix = requireNonNull(value, "value is null");
      return this;
    }

    /**
     * Sets the delimiter.
     *
     * @param value a non-empty delimiter, usually {@code /}
     * @return this builder
     */
    public Builder delimiter(String value) {
      if (requireNonNull(value, "value is null").isEmpty()) {
        throw new IllegalArgumentException("delimiter is empty");
      }
      this.delimiter = value;
      return this;
    }

    /**
     * Sets the key after which to start.
     *
     * @param key the key (exclusive)
     * @return this builder
     */
    public Builder startAfter(String key) {
      this.startAfter = requireNonNull(key, "key is null");
      return this;
    }

    /**
     * Sets the page size.
     *
     * @param size 1 to 1,000
     * @return this builder
     */
    public Builder pageSize(int size) {
      if (size < 1 || size > MAX_PAGE_SIZE) {
        throw new IllegalArgumentException("pageSize must be 1 to " + MAX_PAGE_SIZE + ": " + size);
      }
      this.pageSize = size;
      return this;
    }

    /**
     * Returns the request.
     *
     * @return the request
     */
    public ListRequest build() {
      return new ListRequest(this);
    }
  }
}
