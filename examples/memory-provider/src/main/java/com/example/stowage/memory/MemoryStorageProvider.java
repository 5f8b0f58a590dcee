package com.example.stowage.memory;

import com.google.auto.service.AutoService;
import dev.stowage.api.ConfigOption;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.StorageProvider;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code mem://} scheme: objects held in this JVM's memory, one namespace per bucket name, for
 * tests and demonstrations. {@code mem://scratch/backups} is the prefix {@code backups} of the
 * bucket {@code scratch}; every store opened on the same bucket in one JVM sees the same objects.
 */
@AutoService(StorageProvider.class)
public final class MemoryStorageProvider implements StorageProvider {
  static final String SCHEME = "mem";
  private static final String MAX_BYTES = "mem.max-bytes";
  private static final Map<String, MemoryBucket> BUCKETS = new ConcurrentHashMap<>();

  /** Does nothing: ServiceLoader instantiates every provider it finds. */
  public MemoryStorageProvider() {}

  @Override
  public String scheme() {
    return SCHEME;
  }

  @Override
  public String description() {
    return "In memory, in this JVM (an example provider): mem://bucket/prefix";
  }

  @Override
  public List<ConfigOption> options() {
    return List.of(
        ConfigOption.of(MAX_BYTES, "Most bytes of object content one bucket may hold", "256MiB"));
  }

  @Override
  public ObjectStore open(StorageLocation location, ProviderConfig config) {
    config.requireKnownKeys(SCHEME, options(), location);
    long maxBytes = config.byteSize(MAX_BYTES, 256L * 1024 * 1024);
    if (maxBytes <= 0) {
      throw new InvalidConfigException(
          ErrorContext.of(StorageOperation.OPEN, location),
          MAX_BYTES + " must be positive; set it to a size such as 64MiB");
    }
    if (location.bucket().isEmpty()) {
      throw new InvalidConfigException(
          ErrorContext.of(StorageOperation.OPEN, location),
          "a mem:// location names a bucket, such as mem://scratch/prefix");
    }
    MemoryBucket bucket =
        BUCKETS.computeIfAbsent(location.bucket(), name -> new MemoryBucket(maxBytes));
    return new MemoryObjectStore(location, bucket);
  }
}
