package dev.stowage.engine;

import dev.stowage.api.StorageException;
import java.time.Duration;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What a multi-object transfer did: the objects transferred and verified, their bytes, the requests
 * retried, how long it took, each object that failed with why, and each local path left out with
 * why (a symbolic link not followed, a socket). An object not counted was not transferred, or was
 * removed after failing its check.
 *
 * @param objects the objects transferred and verified
 * @param bytes their bytes
 * @param retries requests sent again after a retryable failure
 * @param duration from the first listing to the last object
 * @param failures each failed object's source key and error, in key order
 * @param skipped each local path left out, relative to the directory, and why, in path order
 */
public record BatchResult(
    long objects,
    long bytes,
    long retries,
    Duration duration,
    SortedMap<String, StorageException> failures,
    SortedMap<String, String> skipped) {

  /**
   * Copies the failures.
   *
   * @param objects see the record description
   * @param bytes see the record description
   * @param retries see the record description
   * @param duration see the record description
   * @param failures see the record description
   * @param skipped see the record description
   */
  public BatchResult {
    failures = Collections.unmodifiableSortedMap(new TreeMap<>(failures));
    skipped = Collections.unmodifiableSortedMap(new TreeMap<>(skipped));
  }

  /**
   * A result that left nothing out.
   *
   * @param objects see the record description
   * @param bytes see the record description
   * @param retries see the record description
   * @param duration see the record description
   * @param failures see the record description
   */
  public BatchResult(
      long objects,
      long bytes,
      long retries,
      Duration duration,
      SortedMap<String, StorageException> failures) {
    this(objects, bytes, retries, duration, failures, Collections.emptySortedMap());
  }

  /** The same result with a walk's paths left out, and the paths it could not read as failures. */
  BatchResult withWalk(
      java.util.Map<String, String> left, java.util.Map<String, StorageException> unreadable) {
    SortedMap<String, StorageException> all = new TreeMap<>(failures);
    all.putAll(unreadable);
    return new BatchResult(objects, bytes, retries, duration, all, new TreeMap<>(left));
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
