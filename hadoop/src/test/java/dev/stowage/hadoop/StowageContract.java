package dev.stowage.hadoop;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.contract.AbstractFSContract;

/** Hadoop's contract for {@link StowageFileSystem} on one store, with contract/stowage.xml. */
final class StowageContract extends AbstractFSContract {
  private final ContractStore store;
  private FileSystem fileSystem;

  StowageContract(Configuration conf, ContractStore store) {
    super(store.configure(conf));
    this.store = store;
    addConfResource("contract/stowage.xml");
  }

  @Override
  public void init() throws IOException {
    super.init();
    fileSystem = FileSystem.get(store.uri(), getConf());
  }

  @Override
  public FileSystem getTestFileSystem() {
    return fileSystem;
  }

  @Override
  public String getScheme() {
    return store.uri().getScheme();
  }

  @Override
  public Path getTestPath() {
    return new Path("/test");
  }
}
