package dev.stowage.engine;

/**
 * What a sync does with one key, relative to both sides' prefixes: copy it from the source, or
 * delete it from the target, and why.
 *
 * @param kind copy or delete
 * @param key the key below the prefixes
 * @param size the bytes to copy, or the size of the object to delete
 * @param reason why, such as {@code missing}, {@code size differs} or {@code not in the source}
 */
public record SyncAction(Kind kind, String key, long size, String reason) {
  /** What a sync does with a key. */
  public enum Kind {
    /** The target lacks it or holds something else: the source's object is copied. */
    COPY,
    /** The source lacks it and deletions were asked for: the target's object is deleted. */
    DELETE
  }
}
