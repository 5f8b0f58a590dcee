package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a child JVM writing to a filesystem store (single writes and engine multipart
 * uploads), at a random write of each of 25 runs (1,000 in the soak). After each kill: every object
 * is wholly one written version, never partial or mixed; every write the child saw acknowledged is
 * there (or a later version); no temporary name is listed, and none is left once a store has opened
 * the root again; the engine's sweep leaves no upload behind.
 */
class CrashTest {
  /** 25 kills on every build; {@code -Dstowage.soak=true}: 1,000 (RELIABILITY.md G6). */
  private static final int RUNS = Boolean.getBoolean("stowage.soak") ? 1_000 : 25;

  @TempDir Path root;

  @Test
  void killedWritersLeaveOnlyWholeVersionsAndNoUpload() throws Exception {
    Map<Integer, Long> acknowledged = new HashMap<>();
    Random random = new Random(20261123);
    int killedMidWrite = 0;
    for (int run = 0; run < RUNS; run++) {
      int killAt = 1 + random.nextInt(40);
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  CrashWriter.class.getName(),
                  root.toString(),
                  String.valueOf(random.nextLong()),
                  String.valueOf(run * 1_000_000L + 1))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      boolean midWrite = false;
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        int begun = 0;
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
          String[] fields = line.split(" ");
          if (fields[0].equals("DONE")) {
            acknowledged.merge(Integer.parseInt(fields[1]), Long.parseLong(fields[2]), Math::max);
            midWrite = false;
          } else if (fields[0].equals("BEGIN")) {
            midWrite = true;
            if (++begun == killAt) {
              child.destroyForcibly();
              break;
            }
          }
        }
      } finally {
        child.destroyForcibly();
        assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child ended").isTrue();
      }
      killedMidWrite += midWrite ? 1 : 0;
      checkStore(acknowledged);
    }
    assertThat(killedMidWrite).as("runs killed during a write").isPositive();
    System.out.println(
        "Crash test: "
            + RUNS
            + " kills, "
            + killedMidWrite
            + " during a write; no temporary file or upload left after any of them");
  }

  private void checkStore(Map<Integer, Long> acknowledged) throws IOException {
    try (ObjectStore store = Stores.filesystem(root);
        TransferEngine engine = TransferEngine.builder().build()) {
      try (Stream<Path> files = Files.walk(root)) {
        assertThat(files.map(p -> p.getFileName().toString()))
            .as("temporary files once a store has opened the root again")
            .noneMatch(name -> name.startsWith(".stowage-tmp-"));
      }
      List<ObjectInfo> listed = store.list(ListRequest.of("crash/")).objects();
      for (ObjectInfo info : listed) {
        assertThat(info.key()).as("a listed name").doesNotContain(".stowage");
        int key = Integer.parseInt(info.key().substring("crash/key-".length()));
        long version = CrashWriter.wholeVersion(key, Stores.read(store, info.key()));
        assertThat(version).as(info.key() + " is wholly one written version").isPositive();
        assertThat(version)
            .as(info.key() + " holds the acknowledged version or a later one")
            .isGreaterThanOrEqualTo(acknowledged.getOrDefault(key, 0L));
      }
      for (Map.Entry<Integer, Long> done : acknowledged.entrySet()) {
        assertThat(store.stat(CrashWriter.name(done.getKey())))
            .as("acknowledged key " + done.getKey())
            .isPresent();
      }
      engine.sweep(store, "", Duration.ZERO);
      assertThat(store.listMultipartUploads("")).as("uploads after the sweep").isEmpty();
    }
  }
}
