package dev.stowage.tck;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageProvider;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How a fixture opens its store through a provider: the provider, the location and the options.
 * From it the kit takes the values of the options the provider declares secret, so a fixture need
 * not list its secrets, and opens the store again with a canary in each secret option. {@link
 * #toString()} shows the option keys, never their values.
 *
 * @param provider the provider
 * @param location the location the store is opened at
 * @param options the options it is opened with
 */
public record ProviderOpening(
    StorageProvider provider, StorageLocation location, Map<String, String> options) {

  /**
   * Checks and copies the components.
   *
   * @param provider the provider
   * @param location the location the store is opened at
   * @param options the options it is opened with
   */
  public ProviderOpening {
    requireNonNull(provider, "provider is null");
    requireNonNull(location, "location is null");
    options = Map.copyOf(options);
  }

  /**
   * Opens the store as the fixture does, with some options set otherwise.
   *
   * @param overrides options that replace or add to the fixture's
   * @return the store; the caller closes it
   */
  public ObjectStore open(Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(options);
    merged.putAll(overrides);
    return provider.open(
        location,
        ProviderConfig.of(merged)
            .withSecretKeys(provider.secretKeys())
            .withLocationParameters(location));
  }

  /**
   * Returns the values of the options the provider declares secret.
   *
   * @return the values, none empty
   */
  public Set<String> secretValues() {
    Set<String> secretKeys = provider.secretKeys();
    return options.entrySet().stream()
        .filter(entry -> secretKeys.contains(entry.getKey()) && !entry.getValue().isEmpty())
        .map(Map.Entry::getValue)
        .collect(Collectors.toUnmodifiableSet());
  }

  @Override
  public String toString() {
    return "ProviderOpening["
        + provider.scheme()
        + " at "
        + location
        + ", options "
        + options.keySet()
        + "]";
  }
}
