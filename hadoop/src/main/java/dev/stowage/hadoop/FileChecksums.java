package dev.stowage.hadoop;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ObjectInfo;
import java.io.IOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CompositeCrcFileChecksum;
import org.apache.hadoop.fs.FileChecksum;
import org.apache.hadoop.util.DataChecksum;

/**
 * The file checksums the filesystem hands out: the store's whole-object value of one configured
 * algorithm, or none. DistCp compares a source's and a target's checksums and fails a copy when
 * their algorithms differ, so every Stowage filesystem in a job must answer with the same one, and
 * a store that lacks it answers none (DistCp then compares sizes and times). CRC-32C, the default,
 * is answered as HDFS answers with {@code dfs.checksum.combine.mode=COMPOSITE_CRC}, so HDFS and
 * Stowage's stores compare directly.
 */
final class FileChecksums {
  static final String KEY = StoreBinding.PREFIX + "checksum";
  private static final String NONE = "none";
  private static final int BYTES_PER_CRC = 512;

  private final Optional<ChecksumAlgorithm> algorithm;

  private FileChecksums(Optional<ChecksumAlgorithm> algorithm) {
    this.algorithm = algorithm;
  }

  /** Reads the algorithm from {@value #KEY}: an algorithm's name, or {@code none}. */
  static FileChecksums of(Configuration conf) throws IOException {
    String name = conf.getTrimmed(KEY, ChecksumAlgorithm.CRC32C.name()).toUpperCase(Locale.ROOT);
    if (name.equals(NONE.toUpperCase(Locale.ROOT))) {
      return new FileChecksums(Optional.empty());
    }
    try {
      return new FileChecksums(Optional.of(ChecksumAlgorithm.valueOf(name)));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          KEY
              + " is '"
              + conf.getTrimmed(KEY)
              + "'. Give one of "
              + Arrays.toString(ChecksumAlgorithm.values()).toLowerCase(Locale.ROOT)
              + " or none.",
          e);
    }
  }

  /** Returns the checksum of an object, or null if the store records none of the algorithm. */
  FileChecksum of(ObjectInfo info) {
    if (algorithm.isEmpty()) {
      return null;
    }
    String hex = info.checksums().get(algorithm.get());
    if (hex == null) {
      return null;
    }
    if (algorithm.get() == ChecksumAlgorithm.CRC32C) {
      return new CompositeCrcFileChecksum(
          (int) Long.parseLong(hex, 16), DataChecksum.Type.CRC32C, BYTES_PER_CRC);
    }
    return StoreChecksum.ofHex(algorithm.get().name(), hex);
  }
}
