package dev.stowage.provider.filesystem;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.tck.StoreFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A fresh temporary root directory, opened through the provider as a user would. */
final class FilesystemFixture implements StoreFixture {
  private final Path root;
  private final Map<String, String> options;

  FilesystemFixture(Map<String, String> options) {
    this.options = options;
    try {
      this.root = Files.createTempDirectory("stowage-tck-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path root() {
    return root;
  }

  @Override
  public ObjectStore openStore() {
    return new FilesystemStorageProvider()
        .open(StorageLocation.of(root), ProviderConfig.of(options));
  }

  @Override
  public void close() {
    try {
      AtomicFiles.deleteTree(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
