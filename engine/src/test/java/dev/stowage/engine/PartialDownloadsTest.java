package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What killed downloads leave in a folder is swept once old enough, unless a running download holds
 * it; nothing else in the folder is touched.
 */
class PartialDownloadsTest {
  @TempDir Path temp;

  @Test
  @SuppressWarnings("try") // the claim stands for a running download; it is not used
  void removesOldLeftoversButNotHeldRecentOrOtherFiles() throws IOException {
    Instant twoDaysAgo = Instant.now().minus(Duration.ofDays(2));
    Path sub = Files.createDirectories(temp.resolve("sub"));
    leftovers(temp, ".a.db.stowage", twoDaysAgo);
    leftovers(sub, ".held.db.stowage", twoDaysAgo);
    leftovers(temp, ".recent.db.stowage", Instant.now());
    old(temp.resolve(".c.db.stowage-0f8fad5b-d9cb-469f-a165-70867728950e.part"), twoDaysAgo);
    old(temp.resolve("e.db"), twoDaysAgo);
    old(temp.resolve(".e.db.stowage.partial"), twoDaysAgo);

    try (Closeable running =
            FileClaim.tryClaim(sub.resolve(".held.db.stowage.lock")).orElseThrow();
        TransferEngine engine = TransferEngine.create()) {
      long removed = engine.sweepPartialDownloads(temp, Duration.ofHours(24));

      assertThat(names(temp))
          .containsExactlyInAnyOrder(
              "sub/.held.db.stowage.part",
              "sub/.held.db.stowage.ranges",
              "sub/.held.db.stowage.lock",
              ".recent.db.stowage.part",
              ".recent.db.stowage.ranges",
              ".recent.db.stowage.lock",
              "e.db",
              ".e.db.stowage.partial");
      assertThat(removed).as("files removed").isEqualTo(4);
    }
  }

  private static void leftovers(Path folder, String base, Instant time) throws IOException {
    for (String suffix : List.of(".part", ".ranges", ".lock")) {
      old(folder.resolve(base + suffix), time);
    }
  }

  private static void old(Path file, Instant time) throws IOException {
    Files.write(file, new byte[] {1});
    Files.setLastModifiedTime(file, FileTime.from(time));
  }

  private static List<String> names(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .toList();
    }
  }
}
