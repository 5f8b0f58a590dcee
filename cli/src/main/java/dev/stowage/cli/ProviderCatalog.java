package dev.stowage.cli;

import dev.stowage.api.Providers;
import dev.stowage.api.StorageProvider;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.jar.JarFile;

/**
 * The providers the command can use, each with where it came from, and the plug-ins that could not
 * be used. The distribution's own providers come first; a plug-in that fails to load, or claims a
 * scheme already served, is reported by its jar and skipped, and every other provider still loads.
 */
final class ProviderCatalog {
  /** A provider and where it came from, such as {@code plugins/s3 (stowage-provider-s3.jar)}. */
  record Entry(StorageProvider provider, String origin) {}

  private final Map<String, Entry> byScheme = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private Providers providers;

  private ProviderCatalog() {}

  /** The providers of the distribution's class loader, and those of each plug-in. */
  static ProviderCatalog load(ClassLoader distribution, List<PluginClassLoader> plugins) {
    ProviderCatalog catalog = new ProviderCatalog();
    catalog.add(distribution, "the distribution");
    for (PluginClassLoader plugin : plugins) {
      if (catalog.readable(plugin)) {
        int before = catalog.byScheme.size() + catalog.problems.size();
        catalog.add(plugin, "plug-in " + plugin.plugin());
        if (catalog.byScheme.size() + catalog.problems.size() == before) {
          catalog.problems.add(
              "plug-in "
                  + plugin.plugin()
                  + " holds no Stowage provider (no META-INF/services/"
                  + StorageProvider.class.getName()
                  + "); it is skipped. Remove it, or add the provider's jar.");
        }
      }
    }
    catalog.providers =
        Providers.of(catalog.byScheme.values().stream().map(Entry::provider).toList());
    return catalog;
  }

  /** The providers of one class loader, such as the test class path. */
  static ProviderCatalog load(ClassLoader distribution) {
    return load(distribution, List.of());
  }

  Providers providers() {
    return providers;
  }

  /** The providers ordered by scheme, each with its origin. */
  List<Entry> entries() {
    return byScheme.values().stream()
        .sorted(java.util.Comparator.comparing(entry -> entry.provider().scheme()))
        .toList();
  }

  /** One sentence per plug-in that was skipped, naming its jar and what to do. */
  List<String> problems() {
    return List.copyOf(problems);
  }

  /** Whether every jar of a plug-in can be read as one; if not, says which and skips it. */
  private boolean readable(PluginClassLoader plugin) {
    for (URL url : plugin.getURLs()) {
      try (JarFile jar = new JarFile(Path.of(url.toURI()).toFile())) {
        jar.size();
      } catch (IOException | URISyntaxException | IllegalArgumentException e) {
        problems.add(
            "plug-in "
                + plugin.plugin()
                + ": "
                + url.getPath()
                + " is not a readable jar ("
                + e.getMessage()
                + "); it is skipped. Remove it, or replace it with a complete copy.");
        return false;
      }
    }
    return true;
  }

  private void add(ClassLoader loader, String source) {
    Iterator<ServiceLoader.Provider<StorageProvider>> found =
        ServiceLoader.load(StorageProvider.class, loader).stream().iterator();
    while (true) {
      ServiceLoader.Provider<StorageProvider> candidate;
      try {
        if (!found.hasNext()) {
          return;
        }
        candidate = found.next();
      } catch (ServiceConfigurationError e) {
        problems.add(
            source
                + " declares a provider that cannot be loaded ("
                + rootMessage(e)
                + "); it is skipped. Check that the jar and the libraries it needs are complete.");
        continue;
      }
      if (loader instanceof PluginClassLoader && candidate.type().getClassLoader() != loader) {
        continue; // the distribution's own provider, seen again through the parent
      }
      add(candidate, source);
    }
  }

  private void add(ServiceLoader.Provider<StorageProvider> candidate, String source) {
    String origin = source + " (" + jarOf(candidate.type()) + ")";
    StorageProvider provider;
    String scheme;
    try {
      provider = candidate.get();
      scheme = provider.scheme();
    } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
      problems.add(
          origin
              + ": the provider "
              + candidate.type().getName()
              + " failed to start ("
              + rootMessage(e)
              + "); it is skipped. Report it to the plug-in's author.");
      return;
    }
    Entry earlier = byScheme.putIfAbsent(scheme, new Entry(provider, origin));
    if (earlier != null) {
      problems.add(
          origin
              + " also claims the scheme '"
              + scheme
              + "', already served by "
              + earlier.origin()
              + "; it is skipped. Remove one of the two.");
    }
  }

  private static String jarOf(Class<?> type) {
    CodeSource source = type.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      return type.getName();
    }
    try {
      Path path = Path.of(source.getLocation().toURI());
      return path.getFileName() == null ? path.toString() : path.getFileName().toString();
    } catch (java.net.URISyntaxException | IllegalArgumentException e) {
      return source.getLocation().toString();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == e ? String.valueOf(e.getMessage()) : root.toString();
  }
}
