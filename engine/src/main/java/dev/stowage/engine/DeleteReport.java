package dev.stowage.engine;

import dev.stowage.api.StorageException;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a batch delete did: how many keys are gone, and each key that may still exist with why.
 *
 * @param deleted the keys deleted (a key that was already missing counts)
 * @param failures each key that may still exist and its error, in key order
 * @param requests the delete requests sent, each for at most the store's batch limit
 */
public record DeleteReport(
    long deleted, SortedMap<String, StorageException> failures, long requests) {

  /**
   * Copies the failures.
   *
   * @param deleted see the record description
   * @param failures see the record description
   * @param requests see the record description
   */
  public DeleteReport {
    failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
  }

  /**
   * Tells whether every key was deleted.
   *
   * @return true if nothing failed
   */
  public boolean isComplete() {
    return failures.isEmpty();
  }
}
