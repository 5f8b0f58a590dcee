package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ObjectStore;

/**
 * A prefix of one store and the prefix of another (or the same) store that a batch makes mirror it:
 * each key under {@code sourcePrefix} has its counterpart under {@code targetPrefix}.
 */
record PrefixPair(
    ObjectStore source, String sourcePrefix, ObjectStore target, String targetPrefix) {
  PrefixPair {
    requireNonNull(source, "source is null");
    requireNonNull(sourcePrefix, "sourcePrefix is null");
    requireNonNull(target, "target is null");
    requireNonNull(targetPrefix, "targetPrefix is null");
  }

  /** The target's key for a key of the source under its prefix. */
  String targetKey(String sourceKey) {
    return targetPrefix + sourceKey.substring(sourcePrefix.length());
  }
}
