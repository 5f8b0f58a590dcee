package dev.stowage.provider.support.internal;

import dev.stowage.api.Capabilities;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageLocation;

/**
 * A store that answers its location and capabilities from its {@link StoreScope} and closes through
 * it: the clients are released once, on the first {@code close()}.
 */
public interface ScopedStore extends ObjectStore {
  /**
   * Returns the store's scope.
   *
   * @return the scope
   */
  StoreScope scope();

  /** Releases the store's clients; called once, by the first {@code close()}. */
  void release();

  @Override
  default StorageLocation location() {
    return scope().location();
  }

  @Override
  default Capabilities capabilities() {
    return scope().capabilities();
  }

  @Override
  default void close() {
    if (scope().close()) {
      release();
    }
  }
}
