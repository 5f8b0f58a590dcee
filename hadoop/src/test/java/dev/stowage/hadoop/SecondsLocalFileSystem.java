package dev.stowage.hadoop;

import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local filesystem with modification times to the second, as S3 and OSS give theirs: DistCp's
 * {@code -update} compares a local source's time with the copy's, and at the same resolution a copy
 * made in the second its source was written is not older than the source. Configured as {@code
 * fs.file.impl} for the DistCp suite on those stores.
 */
public final class SecondsLocalFileSystem extends LocalFileSystem {
  /** Creates the filesystem over a local one whose times are cut to the second. */
  public SecondsLocalFileSystem() {
    super(new Seconds());
  }

  private static final class Seconds extends RawLocalFileSystem {
    @Override
    public FileStatus getFileStatus(Path path) throws IOException {
      return toSeconds(super.getFileStatus(path));
    }

    @Override
    public FileStatus[] listStatus(Path path) throws IOException {
      FileStatus[] statuses = super.listStatus(path);
      for (int i = 0; i < statuses.length; i++) {
        statuses[i] = toSeconds(statuses[i]);
      }
      return statuses;
    }

    private static FileStatus toSeconds(FileStatus status) {
      return new FileStatus(
          status.getLen(),
          status.isDirectory(),
          status.getReplication(),
          status.getBlockSize(),
          status.getModificationTime() / 1_000 * 1_000,
          status.getAccessTime(),
          status.getPermission(),
          status.getOwner(),
          status.getGroup(),
          status.getPath());
    }
  }
}
