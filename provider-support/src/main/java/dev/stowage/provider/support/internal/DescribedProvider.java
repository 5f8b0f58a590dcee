package dev.stowage.provider.support.internal;

import dev.stowage.api.ConfigOption;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageProvider;
import java.util.List;
import java.util.Objects;

/**
 * A provider's fixed description, given once to the constructor: its scheme, the line {@code
 * stowage providers} shows, and its declared options. A provider of this repository extends it and
 * writes {@link StorageProvider#open} only.
 */
public abstract class DescribedProvider implements StorageProvider {
  private final String scheme;
  private final String description;
  private final List<ConfigOption> options;

  /**
   * Describes a provider.
   *
   * @param scheme the URI scheme, lower-case
   * @param description the one line for {@code stowage providers}
   * @param options the declared options, in the order to show them
   */
  protected DescribedProvider(String scheme, String description, List<ConfigOption> options) {
    this.scheme = Objects.requireNonNull(scheme, "scheme");
    this.description = Objects.requireNonNull(description, "description");
    this.options = List.copyOf(options);
  }

  @Override
  public final String scheme() {
    return scheme;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final List<ConfigOption> options() {
    return options;
  }

  /**
   * Refuses a location of another scheme, as {@link StorageProvider#open} must.
   *
   * @param location the location to open
   * @throws IllegalArgumentException if its scheme is not this provider's
   */
  protected final void requireOwnScheme(StorageLocation location) {
    if (!location.scheme().equals(scheme)) {
      throw new IllegalArgumentException("not a location of scheme " + scheme + ": " + location);
    }
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + scheme + "]";
  }
}
