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
  /** The filesystem provider's option for a plain folder. */
  private static final String PLAIN_FOLDER = "file.plain";

  private final Providers providers;
  private final QuirksProfile.Applied options;
  private final Map<Opened, ObjectStore> open = new LinkedHashMap<>();

  /** A store as opened: a location, and whether it is a plain folder of files. */
  private record Opened(StorageLocation location, boolean folder) {}

  Stores(Providers providers, QuirksProfile.Applied options) {
    this.providers = providers;
    this.options = options;
  }

  /** Opens a store once, as its scheme's quirks profile (if any) makes it. */
  ObjectStore open(StorageLocation location) {
    return open(new Opened(location, false));
  }

  /**
   * Opens where a command writes: a local path given without {@code file://} is a plain folder of
   * files, written as {@code cp} writes (no {@code .stowage/} in it, the umask's permissions); a
   * {@code file://} location is the embedded store.
   */
  ObjectStore destination(Target target) {
    return open(new Opened(target.store(), target.isPlainPath()));
  }

  private ObjectStore open(Opened opened) {
    return open.computeIfAbsent(
        opened,
        o -> {
          StorageLocation l = o.location();
          Map<String, String> given = options.options();
          if (o.folder()) {
            given = new LinkedHashMap<>(given);
            given.put(PLAIN_FOLDER, "true");
          }
          return new CapabilityOverrides(
                  options.withdrawnFrom(l.scheme()),
                  Set.of(),
                  Set.of(),
                  l.scheme() + "." + QuirksProfile.OPTION)
              .applyTo(providers.open(l, given));
        });
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
