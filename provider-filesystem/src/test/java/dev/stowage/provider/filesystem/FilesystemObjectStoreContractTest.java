package dev.stowage.provider.filesystem;

import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.StoreFixture;
import java.util.Map;

/** The contract, with the defaults: fsync on, metadata in extended attributes where available. */
class FilesystemObjectStoreContractTest extends AbstractObjectStoreContractTest {
  @Override
  protected StoreFixture fixture() {
    return new FilesystemFixture(Map.of());
  }
}
