package dev.stowage.hadoop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.contract.AbstractContractAppendTest;
import org.apache.hadoop.fs.contract.AbstractContractBulkDeleteTest;
import org.apache.hadoop.fs.contract.AbstractContractConcatTest;
import org.apache.hadoop.fs.contract.AbstractContractCreateTest;
import org.apache.hadoop.fs.contract.AbstractContractDeleteTest;
import org.apache.hadoop.fs.contract.AbstractContractGetFileStatusTest;
import org.apache.hadoop.fs.contract.AbstractContractMkdirTest;
import org.apache.hadoop.fs.contract.AbstractContractOpenTest;
import org.apache.hadoop.fs.contract.AbstractContractRenameTest;
import org.apache.hadoop.fs.contract.AbstractContractRootDirectoryTest;
import org.apache.hadoop.fs.contract.AbstractContractSeekTest;
import org.apache.hadoop.fs.contract.AbstractContractVectoredReadTest;
import org.apache.hadoop.fs.contract.AbstractFSContract;
import org.apache.hadoop.fs.contract.ContractTestUtils;
import org.apache.hadoop.io.wrappedio.WrappedIO;
import org.apache.hadoop.tools.contract.AbstractContractDistCpTest;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Hadoop's own filesystem contract suites, run on {@link StowageFileSystem} over one store: each
 * suite a nested class, each of its skips from a declared option of contract/stowage.xml.
 */
abstract class ContractSuites {
  /** Returns the store the suites run against. */
  abstract ContractStore store();

  AbstractFSContract contract(Configuration conf) {
    return new StowageContract(conf, store());
  }

  @Nested
  class Create extends AbstractContractCreateTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class Open extends AbstractContractOpenTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class Seek extends AbstractContractSeekTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class Rename extends AbstractContractRenameTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class Delete extends AbstractContractDeleteTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class Mkdir extends AbstractContractMkdirTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class GetFileStatus extends AbstractContractGetFileStatusTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class RootDirectory extends AbstractContractRootDirectoryTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class Concat extends AbstractContractConcatTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class Append extends AbstractContractAppendTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class VectoredRead extends AbstractContractVectoredReadTest {
    VectoredRead(String bufferType) {
      super(bufferType);
    }

    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }
  }

  @Nested
  class BulkDelete extends AbstractContractBulkDeleteTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }

    /** A page is the store's batch limit (1,000 for each store here), not one path. */
    @Override
    protected int getExpectedPageSize() {
      return 1_000;
    }

    /**
     * As on S3A: a directory's path names no object, so deleting it deletes nothing, reports
     * nothing, and leaves the directory and what it holds.
     */
    @Override
    @Test
    public void testBulkDeleteParentDirectoryWithDirectories() throws Exception {
      Path directory = new Path(basePath, "dir");
      Path inside = new Path(directory, "subdir");
      fs.mkdirs(inside);
      assertThat(WrappedIO.bulkDelete_delete(fs, basePath, List.of(directory))).isEmpty();
      assertIsDirectory(inside);
    }

    /** See {@link #testBulkDeleteParentDirectoryWithDirectories}. */
    @Override
    @Test
    public void testBulkDeleteParentDirectoryWithFiles() throws Exception {
      Path directory = new Path(basePath, "dir");
      Path file = new Path(directory, "file");
      ContractTestUtils.touch(fs, file);
      assertThat(WrappedIO.bulkDelete_delete(fs, basePath, List.of(directory))).isEmpty();
      assertIsFile(file);
    }
  }

  @Nested
  class DistCp extends AbstractContractDistCpTest {
    @Override
    protected AbstractFSContract createContract(Configuration conf) {
      return contract(conf);
    }

    /**
     * S3 and OSS give an object's time to the second, so a copy made in the second its source was
     * last written looks older than the source, and {@code -update} copies it again: a needless
     * copy, never a missed one (docs/hadoop.md). The suite writes its local sources and copies them
     * within a second or so; on those stores it sees the local files' times to the second too
     * ({@link SecondsLocalFileSystem}), so whether an update copies does not hang on where a second
     * ends.
     */
    @Override
    protected Configuration createConfiguration() {
      Configuration conf = super.createConfiguration();
      if (store() != ContractStore.FILE) {
        conf.set("fs.file.impl", SecondsLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
      }
      return conf;
    }
  }
}
