package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The providers found through {@link ServiceLoader}, by scheme. Immutable and thread-safe; load it
 * once and keep it.
 */
public final class Providers {
  private final Map<String, StorageProvider> byScheme;

  private Providers(Map<String, StorageProvider> byScheme) {
    this.byScheme = Collections.unmodifiableMap(new TreeMap<>(byScheme));
  }

  /**
   * Finds the providers visible to a class loader: on its class path and, for named modules, in the
   * boot layer's module path.
   *
   * @param classLoader the loader to search, such as one that also sees a {@code plugins/}
   *     directory
   * @return the providers
   * @throws InvalidConfigException if two providers claim one scheme, or one cannot be loaded
   */
  public static Providers load(ClassLoader classLoader) {
    requireNonNull(classLoader, "classLoader is null");
    Map<String, StorageProvider> found = new TreeMap<>();
    try {
      for (StorageProvider provider : ServiceLoader.load(StorageProvider.class, classLoader)) {
        String scheme = provider.scheme();
        StorageProvider previous = found.putIfAbsent(scheme, provider);
        if (previous != null) {
          throw new InvalidConfigException(
              ErrorContext.of(StorageOperation.OPEN, scheme + "://"),
              "two providers claim the scheme '"
                  + scheme
                  + "': "
                  + previous.getClass().getName()
                  + " and "
                  + provider.getClass().getName()
                  + ". Remove one of their jars from the class path or plugins directory.");
        }
      }
    } catch (ServiceConfigurationError e) {
      throw new InvalidConfigException(
          ErrorContext.of(StorageOperation.OPEN, "the provider registry"),
          "a provider could not be loaded: "
              + e.getMessage()
              + ". Check that its jar and its dependencies are complete.",
          e);
    }
    return new Providers(found);
  }

  /**
   * Finds the providers visible to the thread's context class loader.
   *
   * @return the providers
   */
  public static Providers load() {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    return load(loader == null ? Providers.class.getClassLoader() : loader);
  }

  /**
   * Returns a registry of exactly these providers, for tests and embedding.
   *
   * @param providers the providers
   * @return the registry
   * @throws InvalidConfigException if two claim one scheme
   */
  public static Providers of(Collection<? extends StorageProvider> providers) {
    Map<String, StorageProvider> found = new TreeMap<>();
    for (StorageProvider provider : providers) {
      if (found.putIfAbsent(provider.scheme(), provider) != null) {
        throw new InvalidConfigException(
            ErrorContext.of(StorageOperation.OPEN, provider.scheme() + "://"),
            "two providers claim the scheme '" + provider.scheme() + "'.");
      }
    }
    return new Providers(found);
  }

  /**
   * Returns the providers, ordered by scheme.
   *
   * @return the providers
   */
  public List<StorageProvider> all() {
    return new ArrayList<>(byScheme.values());
  }

  /**
   * Returns the provider of a scheme.
   *
   * @param scheme the scheme, such as {@code s3}
   * @return the provider
   * @throws InvalidConfigException if no provider serves it, listing the schemes that are served
   */
  public StorageProvider provider(String scheme) {
    StorageProvider provider = byScheme.get(requireNonNull(scheme, "scheme is null"));
    if (provider == null) {
      throw new InvalidConfigException(
          ErrorContext.of(StorageOperation.OPEN, scheme + "://"),
          "no provider for the scheme '"
              + scheme
              + "'. Known schemes: "
              + (byScheme.isEmpty() ? "none" : String.join(", ", byScheme.keySet()))
              + ". Add the provider's jar to the class path or the plugins directory.");
    }
    return provider;
  }

  /**
   * Opens a store at a location with options.
   *
   * @param location the location
   * @param options options such as {@code s3.region}; the location's parameters are merged in
   * @return the store; the caller closes it
   * @throws InvalidConfigException if the scheme is unknown or an option invalid
   */
  public ObjectStore open(StorageLocation location, Map<String, String> options) {
    StorageProvider provider = provider(location.scheme());
    ProviderConfig config =
        ProviderConfig.of(options)
            .withSecretKeys(provider.secretKeys())
            .withLocationParameters(location);
    return provider.open(location, config);
  }

  /**
   * Opens a store at a location given as text.
   *
   * @param location a URI or bare path, see {@link StorageLocation#parse(String)}
   * @return the store; the caller closes it
   * @throws InvalidConfigException if the location or its scheme is invalid
   */
  public ObjectStore open(String location) {
    return open(StorageLocation.parse(location), Map.of());
  }
}
