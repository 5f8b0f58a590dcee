package dev.stowage.replica;

import dev.stowage.api.ObjectStore;
import dev.stowage.engine.Stores;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The replica contract on the filesystem provider, in Litestream's file layout. */
class FilesystemReplicaTest extends ReplicaClientContract {
  @TempDir Path stores;

  @Override
  ObjectStore openStore(String path) {
    return Stores.filesystem(stores.resolve(path));
  }

  @Override
  ReplicaLayout expectedLayout() {
    return ReplicaLayout.DIRECTORY;
  }
}
