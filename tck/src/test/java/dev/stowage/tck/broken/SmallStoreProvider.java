package dev.stowage.tck.broken;

import dev.stowage.api.ConfigOption;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageProvider;
import java.util.List;

/**
 * The kit's way to a {@link SmallStore}, as a provider with one secret option, {@code small.token},
 * so that the kit's secret cases have a secret to look for.
 */
final class SmallStoreProvider implements StorageProvider {
  static final String TOKEN = "small.token";

  private final SmallStore.Bucket bucket;
  private final BrokenStores broken;

  /**
   * @param bucket the objects every store opened shares
   * @param broken how the stores are broken; null for not at all
   */
  SmallStoreProvider(SmallStore.Bucket bucket, BrokenStores broken) {
    this.bucket = bucket;
    this.broken = broken;
  }

  @Override
  public String scheme() {
    return "small";
  }

  @Override
  public String description() {
    return "a small in-memory store, broken on purpose or not";
  }

  @Override
  public List<ConfigOption> options() {
    return List.of(ConfigOption.secret(TOKEN, "A token the store is opened with"));
  }

  @Override
  public ObjectStore open(StorageLocation location, ProviderConfig config) {
    config.requireKnownKeys(scheme(), options(), location);
    String token = config.string(TOKEN).orElse("");
    return broken == null ? new SmallStore(bucket) : broken.open(bucket, token);
  }
}
