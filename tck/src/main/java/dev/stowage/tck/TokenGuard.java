package dev.stowage.tck;

import static org.assertj.core.api.Assertions.fail;

import java.util.HashSet;
import java.util.Set;

/**
 * Fails a paged listing at once when the store hands out a continuation token it gave before: a
 * listing that cycles would otherwise run until a page limit far away, or forever.
 */
final class TokenGuard {
  private final String listing;
  private final Set<String> given = new HashSet<>();

  TokenGuard(String listing) {
    this.listing = listing;
  }

  /** Returns the token, after checking that this listing never gave it before. */
  String fresh(String token) {
    if (!given.add(token)) {
      fail(
          "the "
              + listing
              + " gave the continuation token '"
              + token
              + "' a second time, after "
              + given.size()
              + " pages: it would never end");
    }
    return token;
  }
}
