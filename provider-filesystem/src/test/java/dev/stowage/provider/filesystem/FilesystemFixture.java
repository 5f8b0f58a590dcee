package dev.stowage.provider.filesystem;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageLocation;
import dev.stowage.tck.ProviderOpening;
import dev.stowage.tck.StoreFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

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
    return opening().orElseThrow().open(Map.of());
  }

  @Override
  public Optional<ProviderOpening> opening() {
    return Optional.of(
        new ProviderOpening(new FilesystemStorageProvider(), StorageLocation.of(root), options));
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
