package dev.stowage.engine;

import dev.stowage.api.StorageException;
import java.util.Map;

/**
 * What a sweep of abandoned multipart uploads did.
 *
 * @param found the uploads old enough to sweep, with those from the abort journal
 * @param aborted the uploads aborted
 * @param failures each upload id that could not be aborted, and why
 */
public record SweepResult(int found, int aborted, Map<String, StorageException> failures) {
  /**
   * Copies the failures.
   *
   * @param found see the record description
   * @param aborted see the record description
   * @param failures see the record description
   */
  public SweepResult {
    failures = Map.copyOf(failures);
  }
}
