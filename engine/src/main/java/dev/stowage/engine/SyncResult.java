package dev.stowage.engine;

import dev.stowage.api.StorageException;
import java.time.Duration;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a sync did: the objects copied and verified with their bytes, those found the same, those
 * deleted from the target, how long it took, and each object that failed with why. In a dry run the
 * counts are what it would have done.
 *
 * @param copied objects copied (or, in a dry run, to copy)
 * @param bytes their bytes
 * @param unchanged objects found the same on both sides
 * @param deleted objects deleted from the target (or, in a dry run, to delete)
 * @param duration from the first listing to the end
 * @param failures each failed object's key below the prefixes and its error
 */
public record SyncResult(
    long copied,
    long bytes,
    long unchanged,
    long deleted,
    Duration duration,
    SortedMap<String, StorageException> failures) {

  /**
   * Copies the failures.
   *
   * @param copied see the record description
   * @param bytes see the record description
   * @param unchanged see the record description
   * @param deleted see the record description
   * @param duration see the record description
   * @param failures see the record description
   */
  public SyncResult {
    failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
  }

  /**
   * Tells whether every object was synced.
   *
   * @return true if nothing failed
   */
  public boolean isComplete() {
    return failures.isEmpty();
  }
}
