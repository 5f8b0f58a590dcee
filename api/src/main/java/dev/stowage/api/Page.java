package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing of multipart uploads or of an upload's parts, with a token for the next
 * page unless this is the last. Immutable.
 *
 * @param <T> what the listing holds
 */
public final class Page<T> {
  private final List<T> items;
  private final String nextToken;

  private Page(List<T> items, String nextToken) {
    this.items = List.copyOf(requireNonNull(items, "items is null"));
    this.nextToken = nextToken;
  }

  /**
   * Returns the last page of a listing.
   *
   * @param items the items
   * @param <T> what the listing holds
   * @return the page
   */
  public static <T> Page<T> last(List<T> items) {
    return new Page<>(items, null);
  }

  /**
   * Returns a page after which more follow.
   *
   * @param items the items
   * @param nextToken the opaque token for the next page, not empty
   * @param <T> what the listing holds
   * @return the page
   */
  public static <T> Page<T> truncated(List<T> items, String nextToken) {
    if (requireNonNull(nextToken, "nextToken is null").isEmpty()) {
      throw new IllegalArgumentException("nextToken is empty");
    }
    return new Page<>(items, nextToken);
  }

  /**
   * Returns the items of this page.
   *
   * @return the items
   */
  public List<T> items() {
    return items;
  }

  /**
   * Returns the token for the next page; empty on the last page.
   *
   * @return the token
   */
  public Optional<String> nextToken() {
    return Optional.ofNullable(nextToken);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Page<?> that
        && items.equals(that.items)
        && Objects.equals(nextToken, that.nextToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(items, nextToken);
  }

  @Override
  public String toString() {
    return "Page[items=" + items.size() + ", nextToken=" + nextToken + "]";
  }
}
