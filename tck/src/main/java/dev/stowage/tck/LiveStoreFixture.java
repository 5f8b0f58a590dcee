package dev.stowage.tck;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ConfigOption;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.StorageProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The fixture of a live compliance run: a real store the user names, under a random root made for
 * this run ({@code stowage-tck-<time>-<random>/}) and emptied by {@link #close()}, which fails if
 * anything is left. The options are checked against the provider's before any I/O.
 */
public final class LiveStoreFixture implements StoreFixture {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

  private final Providers providers;
  private final StorageProvider provider;
  private final StorageLocation base;
  private final StorageLocation root;
  private final Map<String, String> options;
  private final CapabilityOverrides overrides;

  private LiveStoreFixture(
      Providers providers,
      StorageProvider provider,
      StorageLocation base,
      StorageLocation root,
      Map<String, String> options,
      CapabilityOverrides overrides) {
    this.providers = providers;
    this.provider = provider;
    this.base = base;
    this.root = root;
    this.options = options;
    this.overrides = overrides;
  }

  /**
   * Prepares a run: finds the provider of the location's scheme, maps the options onto its keys and
   * picks the run's random root. Does no I/O.
   *
   * @param providers where to find the provider
   * @param settings the store, options and overrides
   * @return the fixture
   * @throws InvalidConfigException if the location, its scheme or an option is not valid, saying
   *     what to change
   */
  public static LiveStoreFixture prepare(Providers providers, LiveStoreSettings settings) {
    requireNonNull(providers, "providers is null");
    StorageLocation base = StorageLocation.parse(settings.uri());
    StorageProvider provider = providers.provider(base.scheme());
    Map<String, String> options = providerOptions(provider, settings.options());
    String run =
        "stowage-tck-"
            + ZonedDateTime.now(ZoneOffset.UTC).format(RUN_TIME)
            + "-"
            + UUID.randomUUID().toString().substring(0, 8);
    String path = base.path().replaceAll("/+$", "");
    StorageLocation root = base.withPath(path.isEmpty() ? run : path + "/" + run);
    return new LiveStoreFixture(providers, provider, base, root, options, settings.overrides());
  }

  private static Map<String, String> providerOptions(
      StorageProvider provider, Map<String, String> given) {
    Map<String, String> byVariableName = new LinkedHashMap<>();
    for (ConfigOption option : provider.options()) {
      byVariableName.put(variableName(option.key()), option.key());
    }
    Map<String, String> options = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : given.entrySet()) {
      String key = entry.getKey();
      String mapped = key.contains(".") ? key : byVariableName.get(key);
      if (mapped == null) {
        throw new InvalidConfigException(
            ErrorContext.of(StorageOperation.OPEN, provider.scheme() + "://"),
            "STOWAGE_TCK_"
                + key
                + " names no option of the "
                + provider.scheme()
                + " provider. Its options are "
                + byVariableName.keySet().stream()
                    .map(name -> "STOWAGE_TCK_" + name)
                    .collect(Collectors.joining(", "))
                + ".");
      }
      options.put(mapped, entry.getValue());
    }
    return options;
  }

  private static String variableName(String optionKey) {
    return optionKey.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * Returns the provider under test.
   *
   * @return the provider
   */
  public StorageProvider provider() {
    return provider;
  }

  /**
   * Returns the location the user named, under which the run's root is made.
   *
   * @return the location
   */
  public StorageLocation base() {
    return base;
  }

  /**
   * Returns the run's random root, where every case writes.
   *
   * @return the root location
   */
  public StorageLocation root() {
    return root;
  }

  /**
   * Returns the capability overrides this run applies.
   *
   * @return the overrides
   */
  public CapabilityOverrides overrides() {
    return overrides;
  }

  /**
   * Opens the store at the run's root, as its provider declares it, without overrides.
   *
   * @return the store; the caller closes it
   */
  public ObjectStore openDeclared() {
    return providers.open(root, options);
  }

  @Override
  public ObjectStore openStore() {
    return overrides.applyTo(openDeclared());
  }

  @Override
  public Set<ServerDeviation> serverDeviations() {
    return overrides.serverDeviations();
  }

  /** The values of the provider's secret options, as {@link ProviderOpening} finds them. */
  @Override
  public Set<String> secrets() {
    return new ProviderOpening(provider, root, options).secretValues();
  }

  @Override
  public Optional<ProviderOpening> opening() {
    return Optional.of(new ProviderOpening(provider, root, options));
  }

  /**
   * Empties the run's root: aborts the uploads left under it (unless the run withdrew listing them)
   * and deletes its objects (and, on a file system, the root directory itself).
   *
   * @throws IllegalStateException naming what could not be removed
   */
  @Override
  public void close() {
    try (ObjectStore store = openStore()) {
      List<String> left = StoreCleanup.empty(store, "");
      if (!left.isEmpty()) {
        throw new IllegalStateException(
            "the compliance run could not remove "
                + left.size()
                + " objects under "
                + root
                + ", such as "
                + left.get(0)
                + "; remove them by hand");
      }
    }
    root.localPath().ifPresent(LiveStoreFixture::removeDirectories);
  }

  /**
   * Removes the run's directory tree, which must hold no file any more: the provider's empty
   * directories go, a file left behind (such as a temporary file) is a failure.
   */
  private static void removeDirectories(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      List<Path> all = paths.sorted(Comparator.reverseOrder()).toList();
      List<Path> files = all.stream().filter(path -> !Files.isDirectory(path)).toList();
      if (!files.isEmpty()) {
        throw new IllegalStateException(
            files.size()
                + " files are left under the run's directory, such as "
                + files.get(0)
                + "; the provider left them behind");
      }
      for (Path path : all) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the run's directory " + directory, e);
    }
  }
}
