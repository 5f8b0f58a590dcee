package dev.stowage.provider.support.internal;

import dev.stowage.api.CompletedPart;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.Page;
import dev.stowage.api.PermanentStorageException;
import java.util.List;

/**
 * The page token of a part listing, for stores whose part listings continue after a part number
 * (S3, OSS): the number as decimal text.
 */
public final class PartListingToken {
  private PartListingToken() {}

  /**
   * Returns the part number to continue after.
   *
   * @param token empty for the first page, else a token {@link #next} made
   * @return the part number, 0 for the first page
   * @throws IllegalArgumentException if the token was not made by {@link #next}
   */
  public static int decode(String token) {
    if (token.isEmpty()) {
      return 0;
    }
    try {
      int marker = Integer.parseInt(token);
      if (marker > 0) {
        return marker;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException("not a token of this store's part listing: '" + token + "'");
  }

  /**
   * Returns a page of parts the server answered, with the token of the next page if the server said
   * it was truncated.
   *
   * @param parts the page's parts
   * @param truncated whether the server said more follow
   * @param next the server's next part-number marker, possibly null
   * @param previous the marker this page was asked with, 0 on the first page
   * @param context the listing's context, for the error
   * @return the page
   * @throws PermanentStorageException if the listing is truncated but its marker does not advance
   */
  public static Page<CompletedPart> page(
      List<CompletedPart> parts,
      boolean truncated,
      Integer next,
      int previous,
      ErrorContext context) {
    return truncated ? Page.truncated(parts, next(next, previous, context)) : Page.last(parts);
  }

  /**
   * Returns the token of the next page, checking that the server's marker advances.
   *
   * @param next the server's next part-number marker, possibly null
   * @param previous the marker this page was asked with, 0 on the first page
   * @param context the listing's context, for the error
   * @return the token
   * @throws PermanentStorageException if the server gave no marker or one that does not advance
   */
  public static String next(Integer next, int previous, ErrorContext context) {
    if (next == null || next <= previous) {
      throw new PermanentStorageException(
          context,
          "the server's part listing does not advance. Report this to the store's operator.");
    }
    return Integer.toString(next);
  }
}
