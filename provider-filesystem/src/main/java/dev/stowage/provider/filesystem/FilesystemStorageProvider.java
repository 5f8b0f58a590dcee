package dev.stowage.provider.filesystem;

import com.google.auto.service.AutoService;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageProvider;
import dev.stowage.provider.support.internal.DescribedProvider;

/**
 * The embedded default provider, scheme {@code file}: objects are files under a root directory,
 * written atomically, with user metadata and a CRC-32C kept in extended attributes or sidecars.
 */
@AutoService(StorageProvider.class)
public final class FilesystemStorageProvider extends DescribedProvider {
  /** Makes no store: stores are made by {@link #open}. */
  public FilesystemStorageProvider() {
    super(
        StorageLocation.FILE_SCHEME,
        "Local or mounted file system: one file per object under a root directory, written atomically",
        FilesystemSettings.OPTIONS);
  }

  @Override
  public ObjectStore open(StorageLocation location, ProviderConfig config) {
    if (location.localPath().isEmpty()) {
      throw new IllegalArgumentException("not a file location: " + location);
    }
    return FilesystemObjectStore.open(location, FilesystemSettings.parse(location, config));
  }
}
