package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a listing: objects and common prefixes in ascending {@link Keys#UTF8_ORDER}, and a
 * token for the next page unless this is the last. Immutable.
 */
public final class ListPage {
  private final List<ObjectInfo> objects;
  private final List<String> commonPrefixes;
  private final String nextToken;

  private ListPage(List<ObjectInfo> objects, List<String> commonPrefixes, String nextToken) {
    this.objects = List.copyOf(requireNonNull(objects, "objects is null"));
    this.commonPrefixes = List.copyOf(requireNonNull(commonPrefixes, "commonPrefixes is null"));
    this.nextToken = nextToken;
  }

  /**
   * Returns the last page of a listing.
   *
   * @param objects the objects
   * @param commonPrefixes the rolled-up prefixes, each ending with the delimiter
   * @return the page
   */
  public static ListPage last(List<ObjectInfo> objects, List<String> commonPrefixes) {
    return new ListPage(objects, commonPrefixes, null);
  }

  /**
   * Returns a page after which more follow.
   *
   * @param objects the objects
   * @param commonPrefixes the rolled-up prefixes
   * @param nextToken the opaque token for the next page
   * @return the page
   */
  public static ListPage truncated(
      List<ObjectInfo> objects, List<String> commonPrefixes, String nextToken) {
    if (requireNonNull(nextToken, "nextToken is null").isEmpty()) {
      throw new IllegalArgumentException("nextToken is empty");
    }
    return new ListPage(objects, commonPrefixes, nextToken);
  }

  /**
   * Returns the objects of this page.
   *
   * @return the objects
   */
  public List<ObjectInfo> objects() {
    return objects;
  }

  /**
   * Returns the common prefixes of this page (only with a delimiter).
   *
   * @return the prefixes
   */
  public List<String> commonPrefixes() {
    return commonPrefixes;
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
    return other instanceof ListPage that
        && objects.equals(that.objects)
        && commonPrefixes.equals(that.commonPrefixes)
        && Objects.equals(nextToken, that.nextToken);
  }

  @Override
  public int hashCode() {
    return Objects.hash(objects, commonPrefixes, nextToken);
  }

  @Override
  public String toString() {
    return "ListPage[objects="
        + objects.size()
        + ", commonPrefixes="
        + commonPrefixes.size()
        + ", nextToken="
        + nextToken
        + "]";
  }
}
