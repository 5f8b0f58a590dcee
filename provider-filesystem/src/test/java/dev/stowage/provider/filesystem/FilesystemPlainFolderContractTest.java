package dev.stowage.provider.filesystem;

import dev.stowage.tck.AbstractObjectStoreContractTest;
import dev.stowage.tck.StoreFixture;
import java.util.Map;

/**
 * The contract for a plain folder, where the command line writes local paths: no multipart (those
 * tests skip), temporary files beside their targets.
 */
class FilesystemPlainFolderContractTest extends AbstractObjectStoreContractTest {
  @Override
  protected StoreFixture fixture() {
    return new FilesystemFixture(Map.of("file.plain", "true", "file.fsync", "false"));
  }
}
