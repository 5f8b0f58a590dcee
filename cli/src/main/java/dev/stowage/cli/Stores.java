package dev.stowage.cli;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import java.util.LinkedHashMap;
import java.util.Map;

/** The stores one command opens, each once, all closed when the command ends. */
final class Stores implements AutoCloseable {
  private final Providers providers;
  private final Map<String, String> options;
  private final Map<StorageLocation, ObjectStore> open = new LinkedHashMap<>();

  Stores(Providers providers, Map<String, String> options) {
    this.providers = providers;
    this.options = Map.copyOf(options);
  }

  ObjectStore open(StorageLocation location) {
    return open.computeIfAbsent(location, l -> providers.open(l, options));
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (ObjectStore store : open.values()) {
      try {
        store.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
