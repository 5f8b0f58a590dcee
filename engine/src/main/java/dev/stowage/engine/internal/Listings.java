package dev.stowage.engine.internal;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageOperation;
import java.util.HashSet;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Pages through a listing lazily, one page in memory at a time, and stops a store that hands back
 * any continuation token it already gave (which would otherwise loop forever); the tokens seen are
 * the only state kept across pages.
 */
public final class Listings {
  private Listings() {}

  /**
   * Returns every object of a listing, fetching pages as the stream is consumed.
   *
   * @param store the store
   * @param first the first page's request
   * @return the objects, in the store's order
   * @throws PermanentStorageException (from the stream) if the store repeats a token
   */
  public static Stream<ObjectInfo> objects(ObjectStore store, ListRequest first) {
    Objects.requireNonNull(store, "store is null");
    Objects.requireNonNull(first, "first is null");
    Iterator<ObjectInfo> objects =
        new Iterator<>() {
          private ListRequest next = first;
          private final Set<String> givenTokens = new HashSet<>();
          private Iterator<ObjectInfo> page = java.util.Collections.emptyIterator();

          @Override
          public boolean hasNext() {
            while (!page.hasNext() && next != null) {
              ListPage fetched = store.list(next);
              page = fetched.objects().iterator();
              String token = fetched.nextToken().orElse(null);
              if (token != null && !givenTokens.add(token)) {
                throw new PermanentStorageException(
                    ErrorContext.of(StorageOperation.LIST, store.location()),
                    "the store returned a continuation token '"
                        + token
                        + "' it gave before; the listing would never end."
                        + " Report this to the store's operator.");
              }
              next = token == null ? null : next.next(token);
            }
            return page.hasNext();
          }

          @Override
          public ObjectInfo next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.next();
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(objects, Spliterator.ORDERED), false);
  }
}
