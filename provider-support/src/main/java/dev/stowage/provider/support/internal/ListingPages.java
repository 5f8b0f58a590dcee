package dev.stowage.provider.support.internal;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.ListPage;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.PermanentStorageException;
import java.time.Instant;
import java.util.List;

/**
 * A page of a remote store's object listing, built from what the server answered: its entries with
 * the time and ETag it gave, and a continuation that must carry a token.
 */
public final class ListingPages {
  private ListingPages() {}

  /**
   * Returns one listed object.
   *
   * @param key the caller's key
   * @param size the size the server listed
   * @param lastModified the time it listed, or null
   * @param etag the ETag it listed, or null
   * @return the entry
   */
  public static ObjectInfo entry(String key, long size, Instant lastModified, String etag) {
    ObjectInfo.Builder info = ObjectInfo.builder(key, size);
    if (lastModified != null) {
      info.lastModified(lastModified);
    }
    if (etag != null) {
      info.etag(etag);
    }
    return info.build();
  }

  /**
   * Returns the page: the last one unless the server said the listing goes on.
   *
   * @param objects the entries
   * @param prefixes the common prefixes, as the caller's keys
   * @param truncated whether the server said more follows
   * @param token the continuation token it gave
   * @param context the listing's context, for the error
   * @return the page
   * @throws PermanentStorageException if the listing goes on but no token came with it
   */
  public static ListPage of(
      List<ObjectInfo> objects,
      List<String> prefixes,
      boolean truncated,
      String token,
      ErrorContext context) {
    if (!truncated) {
      return ListPage.last(objects, prefixes);
    }
    if (token == null || token.isEmpty()) {
      throw new PermanentStorageException(
          context,
          "the server said the listing goes on but gave no continuation token. Report this to"
              + " the store's operator.");
    }
    return ListPage.truncated(objects, prefixes, token);
  }
}
