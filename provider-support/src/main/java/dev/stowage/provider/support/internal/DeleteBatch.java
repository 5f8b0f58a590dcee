package dev.stowage.provider.support.internal;

import dev.stowage.api.DeleteResult;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.Keys;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * One batch delete request's keys and what the server answered for each: every key ends up deleted
 * or failed, and a key the server did not mention is a failure, since it may still exist. Not
 * thread-safe; one per request.
 */
public final class DeleteBatch {
  private final ErrorContext context;
  private final Map<String, String> pending = new LinkedHashMap<>();
  private final List<String> deleted = new ArrayList<>();
  private final Map<String, StorageException> failed = new LinkedHashMap<>();

  private DeleteBatch(ErrorContext context) {
    this.context = context;
  }

  /**
   * Checks the batch's size and every key before anything is sent.
   *
   * @param scope the store's scope
   * @param keys the caller's keys
   * @param maxBatch the store's batch limit
   * @return the batch
   * @throws IllegalArgumentException if there are more keys than the limit
   * @throws dev.stowage.api.InvalidKeyException if a key is invalid
   */
  public static DeleteBatch of(StoreScope scope, List<String> keys, int maxBatch) {
    return of(scope, keys, maxBatch, scope::fullKey);
  }

  /**
   * Checks the batch's size and every key before anything is sent, with a store's own mapping to
   * full keys (for a store whose keys have rules beyond those of {@link Keys}).
   *
   * @param scope the store's scope
   * @param keys the caller's keys
   * @param maxBatch the store's batch limit
   * @param fullKey checks a caller's key and returns the store's full key for it
   * @return the batch
   * @throws IllegalArgumentException if there are more keys than the limit
   * @throws dev.stowage.api.InvalidKeyException if a key is invalid
   */
  public static DeleteBatch of(
      StoreScope scope,
      List<String> keys,
      int maxBatch,
      BiFunction<String, ErrorContext, String> fullKey) {
    DeleteBatch batch = new DeleteBatch(scope.context(StorageOperation.DELETE));
    if (keys.size() > maxBatch) {
      throw new IllegalArgumentException(
          keys.size() + " keys, more than the batch limit of " + maxBatch);
    }
    for (String key : keys) {
      batch.pending.put(fullKey.apply(key, batch.keyContext(key)), key);
    }
    return batch;
  }

  /**
   * Returns the context of the whole request.
   *
   * @return the context
   */
  public ErrorContext context() {
    return context;
  }

  /**
   * Returns the context of one of the caller's keys.
   *
   * @param key the caller's key
   * @return the context
   */
  public ErrorContext keyContext(String key) {
    return context.withKey(Keys.printable(key));
  }

  /**
   * Returns the full keys to send, in the caller's order.
   *
   * @return the keys
   */
  public Set<String> fullKeys() {
    return pending.keySet();
  }

  /**
   * Records that the server reported a full key deleted; an unknown key is ignored.
   *
   * @param fullKey the store's key
   */
  public void deleted(String fullKey) {
    String key = pending.remove(fullKey);
    if (key != null) {
      deleted.add(key);
    }
  }

  /**
   * Records that the server reported a full key failed; an unknown key is ignored.
   *
   * @param fullKey the store's key
   * @param failure the failure, from the context of the caller's key
   */
  public void failed(String fullKey, Function<ErrorContext, StorageException> failure) {
    String key = pending.remove(fullKey);
    if (key != null) {
      failed.put(key, failure.apply(keyContext(key)));
    }
  }

  /**
   * Returns each key's outcome; keys the server did not mention fail.
   *
   * @return the result
   */
  public DeleteResult result() {
    for (String key : pending.values()) {
      failed.put(
          key,
          new PermanentStorageException(
              keyContext(key),
              "the server did not report this key as deleted; it may still exist. Delete it"
                  + " again."));
    }
    pending.clear();
    return new DeleteResult(deleted, failed);
  }
}
