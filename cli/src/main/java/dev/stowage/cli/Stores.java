package dev.stowage.cli;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.tck.CapabilityOverrides;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The stores one command opens, each once, all closed when the command ends. */
final class Stores implements AutoCloseable {
  private final Providers providers;
  private final QuirksProfile.Applied options;
  private final Map<StorageLocation, ObjectStore> open = new LinkedHashMap<>();

  Stores(Providers providers, QuirksProfile.Applied options) {
    this.providers = providers;
    this.options = options;
  }

  /** Opens a store once, as its scheme's quirks profile (if any) makes it. */
  ObjectStore open(StorageLocation location) {
    return open.computeIfAbsent(
        location,
        l ->
            new CapabilityOverrides(
                    options.withdrawnFrom(l.scheme()),
                    Set.of(),
                    Set.of(),
                    l.scheme() + "." + QuirksProfile.OPTION)
                .applyTo(providers.open(l, options.options())));
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
