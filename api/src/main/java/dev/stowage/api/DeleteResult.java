package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * What a batch delete did, key by key: every requested key is in exactly one of the two. A key that
 * did not exist counts as deleted. Immutable.
 *
 * @param deleted the keys that are now absent
 * @param failed the keys that may still exist, each with its failure
 */
public record DeleteResult(List<String> deleted, Map<String, StorageException> failed) {
  /**
   * Copies the collections.
   *
   * @param deleted see the record description
   * @param failed see the record description
   */
  public DeleteResult {
    deleted = List.copyOf(requireNonNull(deleted, "deleted is null"));
    failed = Map.copyOf(requireNonNull(failed, "failed is null"));
  }

  /**
   * Returns whether every key was deleted.
   *
   * @return true if nothing failed
   */
  public boolean isComplete() {
    return failed.isEmpty();
  }
}
