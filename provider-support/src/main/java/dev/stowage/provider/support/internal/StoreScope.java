package dev.stowage.provider.support.internal;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.Capabilities;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.Keys;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Where a remote store's keys live and whether it is still open: maps a caller's key to the store's
 * full key under the location's prefix and back, builds the error context of every operation, and
 * refuses calls once the store is closed. Thread-safe.
 *
 * <p>A store that implements {@link ScopedStore} answers {@code location()} and {@code
 * capabilities()} from its scope and closes through it.
 */
public final class StoreScope {
  private final StorageLocation location;
  private final String prefix;
  private final Capabilities capabilities;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Returns the scope of a store.
   *
   * @param location the store's location
   * @param prefix the prefix of every full key, empty or ending with {@code /}
   * @param capabilities what the store declares, its longest key among them
   */
  public StoreScope(StorageLocation location, String prefix, Capabilities capabilities) {
    this.location = requireNonNull(location, "location is null");
    this.prefix = requireNonNull(prefix, "prefix is null");
    this.capabilities = requireNonNull(capabilities, "capabilities is null");
  }

  /**
   * Returns the store's location.
   *
   * @return the location
   */
  public StorageLocation location() {
    return location;
  }

  /**
   * Returns what the store declares.
   *
   * @return the capabilities
   */
  public Capabilities capabilities() {
    return capabilities;
  }

  /**
   * Returns the prefix of every full key.
   *
   * @return the prefix, empty or ending with {@code /}
   */
  public String prefix() {
    return prefix;
  }

  /**
   * Returns the context of an operation on the whole store.
   *
   * @param operation the operation
   * @return the context
   * @throws IllegalStateException if the store is closed
   */
  public ErrorContext context(StorageOperation operation) {
    ensureOpen();
    return ErrorContext.of(operation, location);
  }

  /**
   * Returns the context of an operation on one key, the key shown printable.
   *
   * @param operation the operation
   * @param key the caller's key
   * @return the context
   * @throws IllegalStateException if the store is closed
   */
  public ErrorContext context(StorageOperation operation, String key) {
    return context(operation).withKey(Keys.printable(key));
  }

  /**
   * Checks a caller's key and returns the store's full key for it.
   *
   * @param key the caller's key
   * @param context the operation's context, for the error
   * @return the prefix followed by the key
   * @throws dev.stowage.api.InvalidKeyException if the key breaks the rules of {@link Keys}
   */
  public String fullKey(String key, ErrorContext context) {
    Keys.requireValid(key, capabilities, context);
    return prefix + key;
  }

  /**
   * Checks a caller's listing prefix and returns the store's full prefix for it.
   *
   * @param prefix the caller's prefix, empty for all
   * @param context the operation's context, for the error
   * @return the store's prefix followed by the caller's
   * @throws dev.stowage.api.InvalidKeyException if the prefix breaks the rules of {@link Keys}
   */
  public String fullPrefix(String prefix, ErrorContext context) {
    Keys.requireValidPrefix(prefix, capabilities, context);
    return this.prefix + prefix;
  }

  /**
   * Returns the caller's key for one of the store's full keys.
   *
   * @param fullKey the store's key
   * @return the key without the prefix; the full key if it lacks the prefix
   */
  public String relative(String fullKey) {
    return fullKey.startsWith(prefix) ? fullKey.substring(prefix.length()) : fullKey;
  }

  /**
   * Throws if the store is closed.
   *
   * @throws IllegalStateException if it is
   */
  public void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the store at " + location + " is closed");
    }
  }

  /**
   * Marks the store closed.
   *
   * @return true the first time, when the caller should release its clients; false after
   */
  public boolean close() {
    return closed.compareAndSet(false, true);
  }
}
