package dev.stowage.provider.support.internal;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.Page;
import dev.stowage.api.PermanentStorageException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The page token of a multipart-upload listing, for stores whose listings continue from a key
 * marker and an upload-id marker (S3, OSS): both are carried in one opaque string.
 *
 * @param keyMarker the full key to continue after
 * @param uploadIdMarker the upload id to continue after, possibly empty
 */
public record UploadListingToken(String keyMarker, String uploadIdMarker) {
  /**
   * Returns the token's string, for {@link dev.stowage.api.Page#truncated}.
   *
   * @return the token
   */
  public String encode() {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    return base64.encodeToString(keyMarker.getBytes(StandardCharsets.UTF_8))
        + "."
        + base64.encodeToString(uploadIdMarker.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Reads a token that {@link #encode()} made.
   *
   * @param token the token
   * @return the markers
   * @throws IllegalArgumentException if the token was not made by {@link #encode()}
   */
  public static UploadListingToken decode(String token) {
    int dot = token.indexOf('.');
    try {
      if (dot < 0) {
        throw new IllegalArgumentException("no separator");
      }
      Base64.Decoder base64 = Base64.getUrlDecoder();
      return new UploadListingToken(
          new String(base64.decode(token.substring(0, dot)), StandardCharsets.UTF_8),
          new String(base64.decode(token.substring(dot + 1)), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "not a token of this store's upload listing: '" + token + "'", e);
    }
  }

  /**
   * Returns a page of a listing the server answered, with the token of the next page if the server
   * said it was truncated.
   *
   * @param items the page's items
   * @param truncated whether the server said more follow
   * @param nextKeyMarker the server's next key marker
   * @param nextUploadIdMarker the server's next upload-id marker, possibly null
   * @param previous the markers this page was asked with, null on the first page
   * @param context the listing's context, for the error
   * @param <T> what the listing holds
   * @return the page
   * @throws PermanentStorageException if the listing is truncated but its markers do not advance
   */
  public static <T> Page<T> page(
      List<T> items,
      boolean truncated,
      String nextKeyMarker,
      String nextUploadIdMarker,
      UploadListingToken previous,
      ErrorContext context) {
    return truncated
        ? Page.truncated(items, next(nextKeyMarker, nextUploadIdMarker, previous, context))
        : Page.last(items);
  }

  /**
   * Returns the token of the next page, checking that the server's markers advance.
   *
   * @param nextKeyMarker the server's next key marker
   * @param nextUploadIdMarker the server's next upload-id marker, possibly null
   * @param previous the markers this page was asked with, null on the first page
   * @param context the listing's context, for the error
   * @return the next page's token
   * @throws PermanentStorageException if the server gave no marker or the same ones again
   */
  public static String next(
      String nextKeyMarker,
      String nextUploadIdMarker,
      UploadListingToken previous,
      ErrorContext context) {
    UploadListingToken next =
        new UploadListingToken(
            nextKeyMarker == null ? "" : nextKeyMarker,
            nextUploadIdMarker == null ? "" : nextUploadIdMarker);
    if (next.keyMarker.isEmpty() || next.equals(previous)) {
      throw new PermanentStorageException(
          context,
          "the server's upload listing does not advance. Report this to the store's operator.");
    }
    return next.encode();
  }
}
