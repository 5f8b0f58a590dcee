package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.stowage.api.ObjectStore;
import dev.stowage.cli.LoopbackStores.Remote;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGINT and SIGTERM sent to a real {@code stowage cp} (a child JVM) at a random point of a 1 GiB
 * upload to {@code file://}, {@code oss-server} and S3Proxy (both keeping objects on disk), and of
 * a download from each remote one. After the child exits: no multipart upload is listed, no part or
 * temporary file is left, the object is there whole only if the copy completed, the exit code is
 * 130 or 143 and one line says what was cleaned up. A second SIGINT while the cleanup waits on a
 * stalled abort exits at once, journals the upload, and {@code stowage sweep} then aborts it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InterruptTest {
  private static final long SIZE = 1L << 30;
  private static final String CANCELLED =
      "stowage: interrupted: cancelled 1 transfer; %d multipart upload%s aborted; nothing left"
          + " behind";

  @TempDir Path temp;

  /** Where the servers keep their objects: on disk, not in this JVM's heap. */
  private Path serverFiles;

  private LoopbackStores stores;
  private OssServer oss;
  private ChildStowage children;
  private Path source;
  private final Random random = new Random(20261205);
  private final List<Double> secondsToStop = new ArrayList<>();
  private int interruptedMidTransfer;

  @BeforeAll
  void start() throws IOException {
    serverFiles = Files.createTempDirectory("stowage-interrupt-servers");
    stores = LoopbackStores.onDisk(serverFiles);
    oss = stores.oss;
  }

  @AfterAll
  void stop() throws IOException {
    if (stores != null) {
      stores.close();
    }
    try (Stream<Path> files = Files.walk(serverFiles)) {
      for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    }
    System.out.printf(
        "Interrupts: %d runs stopped mid-transfer, %.2f s at most from the signal to the exit%n",
        interruptedMidTransfer, secondsToStop.stream().mapToDouble(d -> d).max().orElse(0));
  }

  @BeforeEach
  void newTemporaryFolder() {
    children = new ChildStowage(temp.resolve("errors"));
  }

  @Test
  void sigtermCleansUpEveryUploadAndDownload() throws Exception {
    for (Remote remote : remotes()) {
      interruptUpload(remote, "TERM");
      interruptDownload(remote, "TERM");
    }
  }

  @Test
  void sigintCleansUpEveryUploadAndDownload() throws Exception {
    assumeFalse(
        sigintIgnored(),
        "SIGINT is ignored in this process (a background job of a non-interactive shell), and so"
            + " in its children: Ctrl-C cannot reach them");
    for (Remote remote : remotes()) {
      interruptUpload(remote, "INT");
      interruptDownload(remote, "INT");
    }
  }

  @Test
  void aCopyIntoAPlainFolderCutBySigtermLeavesNothingInIt() throws Exception {
    Path home = Files.createDirectories(temp.resolve("home-plain"));
    Path folder = Files.createDirectories(temp.resolve("plain"));
    Process child =
        stowage(
            home,
            List.of(),
            "cp",
            "--bandwidth-limit",
            "64MiB", // 16 s for the GiB: the signal comes first
            "-q",
            source().toString(),
            folder + "/");
    children.await(() -> !filesUnder(folder).isEmpty(), child, "the temporary file beside it");
    ChildStowage.signal(child, "TERM");
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exited").isTrue();
    String err = errorOf(child);
    assertThat(child.exitValue()).as(err).isEqualTo(143);
    assertThat(err.strip()).isEqualTo(CANCELLED.formatted(0, "s"));
    try (Stream<Path> left = Files.list(folder)) {
      assertThat(left).as("the temporary file, on this exit path too").isEmpty();
    }
  }

  @Test
  void aRunCutShortBySigtermStillWritesItsMetricsFileAsAFailure() throws Exception {
    Remote remote = remotes().get(0);
    Path home = Files.createDirectories(temp.resolve("home-metrics"));
    Path metrics = temp.resolve("stowage.prom");
    try (ObjectStore store = remote.open()) {
      List<String> arguments = new ArrayList<>(remote.options);
      arguments.addAll(
          List.of(
              "--metrics-file",
              metrics.toString(),
              "cp",
              "--bandwidth-limit",
              "16MiB", // a GiB takes a minute: the signal comes first
              "--part-size",
              "8MiB",
              "-q",
              source().toString(),
              remote.uri("measured.bin")));
      Process child = children.start(home, arguments);
      children.await(() -> !store.listMultipartUploads("").isEmpty(), child, "an upload to begin");
      ChildStowage.signal(child, "TERM");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exited").isTrue();
      assertThat(child.exitValue()).as(errorOf(child)).isEqualTo(143);
      assertThat(Files.readString(metrics))
          .contains("stowage_last_run_success{command=\"cp\"} 0")
          .contains("stowage_last_run_failed_objects{command=\"cp\"}");
      assertThat(store.listMultipartUploads("")).isEmpty();
    }
  }

  @Test
  void aSecondSigintExitsAtOnceAndJournalsTheUploadForSweep() throws Exception {
    assumeFalse(sigintIgnored(), "SIGINT is ignored in this process, and so in its children");
    Remote remote = remotes().get(1);
    Path home = Files.createDirectories(temp.resolve("home-twice"));
    oss.faults().inject(Fault.stall(Duration.ofMinutes(5)).on(OssOperation.ABORT_MULTIPART_UPLOAD));
    try (ObjectStore store = remote.open()) {
      Process child = cp(home, remote.options, source().toString(), remote.uri("twice.bin"));
      children.await(() -> !store.listMultipartUploads("").isEmpty(), child, "an upload to begin");
      ChildStowage.signal(child, "INT");
      children.await(
          () -> oss.requests(OssOperation.ABORT_MULTIPART_UPLOAD) > 0,
          child,
          "the cleanup's abort to reach the server");
      long sent = System.nanoTime();
      ChildStowage.signal(child, "INT");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exited").isTrue();
      double seconds = (System.nanoTime() - sent) / 1e9;
      String err = errorOf(child);
      assertThat(child.exitValue()).as(err).isEqualTo(130);
      assertThat(err)
          .contains("interrupted again: stopped at once; 1 of 1 open uploads journaled")
          .contains("'stowage sweep'");
      assertThat(seconds).as("seconds from the second signal to the exit").isLessThan(30);
      assertThat(Files.readString(home.resolve(".stowage/aborted-uploads")))
          .as("the journal")
          .contains(store.listMultipartUploads("").get(0).uploadId());

      Process sweep = stowage(home, remote.options, "sweep", remote.uri(""));
      assertThat(sweep.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String swept = errorOf(sweep);
      assertThat(sweep.exitValue()).as(swept).isZero();
      assertThat(swept).contains("aborted 1 of 1 abandoned upload");
      assertThat(store.listMultipartUploads("")).as("uploads after the sweep").isEmpty();
      assertThat(store.stat("twice.bin")).isEmpty();
    } finally {
      oss.faults().clear();
    }
  }

  private void interruptUpload(Remote remote, String signal) throws Exception {
    String key = "up-" + remote.name + "-" + signal + ".bin";
    Path home = Files.createDirectories(temp.resolve("home-" + key));
    try (ObjectStore store = remote.open()) {
      Process child = cp(home, remote.options, source().toString(), remote.uri(key));
      children.await(() -> !store.listMultipartUploads("").isEmpty(), child, "an upload to begin");
      int code = stopAtRandom(child, signal);
      String err = errorOf(child);
      String what = remote.name + " upload, SIG" + signal + ": " + err;
      assertThat(store.listMultipartUploads("")).as(what).isEmpty();
      if (code == 0) {
        assertThat(store.stat(key))
            .as(what)
            .hasValueSatisfying(o -> assertThat(o.size()).isEqualTo(SIZE));
        store.delete(key); // a GiB less on the disk
        return;
      }
      interruptedMidTransfer++;
      assertThat(code).as(what).isEqualTo(signal.equals("INT") ? 130 : 143);
      assertThat(err.strip()).as(what).isEqualTo(CANCELLED.formatted(1, ""));
      assertThat(store.stat(key)).as(what + ": no object under the final name").isEmpty();
      assertNoJournal(home, what);
      if (remote.root != null) {
        assertThat(filesUnder(remote.root.resolve(".stowage")))
            .as(what + ": part and temporary files")
            .isEmpty();
      }
    }
  }

  private void interruptDownload(Remote remote, String signal) throws Exception {
    if (remote.root != null) {
      return; // a copy between two folders is an upload to a filesystem store, tested above
    }
    String key = "down.bin"; // stored once per store, downloaded in every case
    Path home = Files.createDirectories(temp.resolve("home-" + remote.name + "-" + key));
    Path into = Files.createDirectories(temp.resolve("into-" + remote.name + "-" + signal));
    try (ObjectStore store = remote.open()) {
      if (store.stat(key).isEmpty()) {
        Process put = stowage(home, remote.options, "cp", source().toString(), remote.uri(key));
        assertThat(put.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(put.exitValue()).as(errorOf(put)).isZero();
      }
      Process child = cp(home, remote.options, remote.uri(key), into.toString() + "/");
      children.await(() -> !filesUnder(into).isEmpty(), child, "the download's partial file");
      int code = stopAtRandom(child, signal);
      String err = errorOf(child);
      String what = remote.name + " download, SIG" + signal + ": " + err;
      if (code == 0) {
        assertThat(filesUnder(into)).as(what).containsExactly(into.resolve(key));
        assertThat(Files.size(into.resolve(key))).isEqualTo(SIZE);
        Files.delete(into.resolve(key));
        return;
      }
      interruptedMidTransfer++;
      assertThat(code).as(what).isEqualTo(signal.equals("INT") ? 130 : 143);
      assertThat(err.strip()).as(what).isEqualTo(CANCELLED.formatted(0, "s"));
      assertThat(filesUnder(into)).as(what + ": partial or final files").isEmpty();
      assertNoJournal(home, what);
    }
  }

  /** Sends the signal at a random point of the transfer; returns the exit code. */
  private int stopAtRandom(Process child, String signal) throws Exception {
    // The point is random on purpose, anywhere in the GiB at the copy's bandwidth limit; what is
    // asserted holds wherever it falls.
    TimeUnit.MILLISECONDS.sleep(random.nextInt(4_000));
    long sent = System.nanoTime();
    ChildStowage.signal(child, signal);
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child exited").isTrue();
    if (child.exitValue() != 0) {
      secondsToStop.add((System.nanoTime() - sent) / 1e9);
    }
    return child.exitValue();
  }

  /** A copy limited to 256 MiB/s, so that a GiB lasts at least 4 s, long enough to interrupt. */
  private Process cp(Path home, List<String> options, String from, String to) throws IOException {
    List<String> arguments = new ArrayList<>(options);
    arguments.addAll(
        List.of("cp", "--bandwidth-limit", "256MiB", "--part-size", "8MiB", "-q", from, to));
    return stowage(home, List.of(), arguments.toArray(String[]::new));
  }

  private Process stowage(Path home, List<String> options, String... arguments) throws IOException {
    List<String> command = new ArrayList<>(options);
    command.addAll(List.of(arguments));
    return children.start(home, command);
  }

  private String errorOf(Process child) throws IOException {
    return children.errorOf(child);
  }

  private Path source() throws IOException {
    if (source == null) {
      source = serverFiles.resolve("source.bin"); // one GiB for every test of the class
      byte[] chunk = new byte[1 << 20];
      try (java.io.OutputStream out = Files.newOutputStream(source)) {
        for (long written = 0; written < SIZE; written += chunk.length) {
          random.nextBytes(chunk);
          out.write(chunk);
        }
      }
    }
    return source;
  }

  private static void assertNoJournal(Path home, String what) throws IOException {
    assertThat(filesUnder(home.resolve(".stowage/uploads")))
        .as(what + ": uploads noted for a resume, though aborted")
        .isEmpty();
    Path journal = home.resolve(".stowage/aborted-uploads");
    if (Files.exists(journal)) {
      assertThat(Files.readString(journal, StandardCharsets.UTF_8).strip())
          .as(what + ": journaled uploads")
          .isEmpty();
    }
  }

  private static List<Path> filesUnder(Path directory) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(directory)) {
      return walk.filter(Files::isRegularFile).toList();
    } catch (IOException e) {
      return List.of(); // a file removed while walked: the next poll sees the folder again
    }
  }

  /** Whether SIGINT is ignored here, as {@code /proc/self/status} says (bit 1 of SigIgn). */
  private static boolean sigintIgnored() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & 2L) != 0;
      }
    }
    return false;
  }

  private List<Remote> remotes() throws IOException {
    return stores.all(temp.resolve("file-store"));
  }
}
