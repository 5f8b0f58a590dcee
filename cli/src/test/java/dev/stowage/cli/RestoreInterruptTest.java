package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.cli.LoopbackStores.Remote;
import dev.stowage.engine.TransferEngine;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.replica.ReplicaClient;
import dev.stowage.replica.SqliteHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM to a real {@code stowage replica restore} (a child JVM) while it reads from oss-server,
 * every read held back 2 s by the server: the reads are cancelled, the restore removes its partial
 * file before the process exits, no database appears, the exit code is 143 and one line says it was
 * interrupted. A partial file a kill -9 leaves is one {@code stowage sweep FOLDER} removes.
 */
class RestoreInterruptTest {
  @TempDir Path temp;
  private LoopbackStores stores;
  private ChildStowage children;
  private Remote oss;

  @BeforeEach
  void start() throws Exception {
    stores = new LoopbackStores();
    children = new ChildStowage(temp.resolve("errors"));
    oss = stores.all(temp.resolve("file-store")).get(1);
    try (ObjectStore store =
            Providers.load().open(StorageLocation.parse(oss.uri("db")), oss.settings);
        TransferEngine engine = TransferEngine.create()) {
      SqliteHistory.replicate(
          ReplicaClient.of(store, engine), temp, Instant.parse("2026-12-01T00:00:00Z"));
    }
    stores
        .oss
        .faults()
        .inject(
            Fault.stall(Duration.ofSeconds(2))
                .on(OssOperation.GET_OBJECT)
                .times(Integer.MAX_VALUE));
  }

  @AfterEach
  void stop() {
    stores.close();
  }

  @Test
  void sigtermDuringARestoreLeavesNeitherAPartialFileNorADatabase() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("restored"));
    Process child = restore(folder.resolve("app.db"));
    children.await(() -> !filesIn(folder).isEmpty(), child, "the restore's partial file");

    ChildStowage.signal(child, "TERM");

    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exited").isTrue();
    String err = children.errorOf(child);
    assertThat(child.exitValue()).as(err).isEqualTo(143);
    assertThat(err).contains("stowage: interrupted: ").doesNotContain("still stopping");
    assertThat(filesIn(folder)).as("files in the restore's folder").isEmpty();
  }

  @Test
  void aPartialFileThatAKillLeftIsSwept() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("killed"));
    Process child = restore(folder.resolve("app.db"));
    children.await(() -> !filesIn(folder).isEmpty(), child, "the restore's partial file");

    ChildStowage.signal(child, "KILL");
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(filesIn(folder)).as("what the kill left").hasSize(1);

    String swept =
        children.run(temp.resolve("home"), List.of("sweep", "--older-than", "0s", folder + "/"));
    assertThat(filesIn(folder)).as(swept).isEmpty();
  }

  private Process restore(Path output) throws IOException {
    return children.start(
        temp.resolve("home"),
        oss.command("replica", "restore", "-q", "-o", output.toString(), oss.uri("db")));
  }

  private static List<Path> filesIn(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.toList();
    } catch (IOException e) {
      return List.of(); // read again at the next poll
    }
  }
}
