package dev.stowage.engine;

import dev.stowage.api.StorageException;
import java.time.Duration;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a multi-object transfer did: the objects transferred and verified, their bytes, the requests
 * retried, how long it took, and each object that failed with why. An object not counted was not
 * transferred, or was removed after failing its check.
 *
 * @param objects the objects transferred and verified
 * @param bytes their bytes
 * @param retries requests sent again after a retryable failure
 * @param duration from the first listing to the last object
 * @param failures each failed object's source key and error, in key order
 */
public record BatchResult(
    long objects,
    long bytes,
    long retries,
    Duration duration,
    SortedMap<String, StorageException> failures) {

  /**
   * Copies the failures.
   *
   * @param objects see the record description
   * @param bytes see the record description
   * @param retries see the record description
   * @param duration see the record description
   * @param failures see the record description
   */
  public BatchResult {
    failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
  }

  /**
   * Tells whether every object was transferred.
   *
   * @return true if nothing failed
   */
  public boolean isComplete() {
    return failures.isEmpty();
  }
}
