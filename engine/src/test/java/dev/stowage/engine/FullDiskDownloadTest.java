package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageFullException;
import dev.stowage.api.WriteOptions;
import dev.stowage.oss.server.OssServer;
import dev.stowage.testing.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A download onto a real full disk (a 4 MiB tmpfs) from oss-server: a permanent failure of the
 * local write that names the directory, sent once, never "read failed ... 5 times"; no partial file
 * is left.
 */
class FullDiskDownloadTest {
  @TempDir Path temp;

  @Test
  void aFullDiskFailsTheDownloadOnceAndLeavesNoPartFile() throws IOException {
    Path mountPoint = Files.createDirectories(temp.resolve("small-disk"));
    try (Tmpfs disk = Tmpfs.mountOrSkip(mountPoint, "4m");
        OssServer server = OssServer.builder().build().start();
        ObjectStore oss = Stores.oss(server, "engine", "full-disk");
        TransferEngine engine = TransferEngine.builder().partSize(1024 * 1024).build()) {
      engine.upload(
          Content.ofBytes(new byte[12 * 1024 * 1024]), oss, "dump", WriteOptions.DEFAULTS);
      long before = engine.metrics().requests();

      StorageFullException full =
          catchThrowableOfType(
              StorageFullException.class,
              () -> engine.download(oss, "dump", disk.directory().resolve("dump")));

      assertThat(full).as("a full disk is a StorageFullException").isNotNull();
      assertThat(full.isRetryable()).isFalse();
      assertThat(full.getMessage())
          .contains("the disk is full at " + disk.directory())
          .doesNotContain("times");
      assertThat(engine.metrics().retries()).as("nothing was retried").isZero();
      assertThat(engine.metrics().requests() - before)
          .as("a stat and at most the twelve ranges, each sent once")
          .isLessThanOrEqualTo(13);
      List<Path> left;
      try (Stream<Path> walk = Files.walk(disk.directory())) {
        left = walk.filter(Files::isRegularFile).toList();
      }
      assertThat(left).as("no partial file is left").isEmpty();
    }
  }
}
