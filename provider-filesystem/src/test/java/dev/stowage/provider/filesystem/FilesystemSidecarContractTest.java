package dev.stowage.provider.filesystem;

import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.StoreFixture;
import java.util.Map;

/** The contract with metadata in sidecar files, as on file systems without extended attributes. */
class FilesystemSidecarContractTest extends AbstractObjectStoreContractTest {
  @Override
  protected StoreFixture fixture() {
    return new FilesystemFixture(Map.of("file.metadata", "sidecar", "file.fsync", "false"));
  }
}
