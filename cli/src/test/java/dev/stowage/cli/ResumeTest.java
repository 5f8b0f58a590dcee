package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ByteRange;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectStore;
import dev.stowage.cli.LoopbackStores.Remote;
import dev.stowage.oss.server.OssOperation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a real {@code stowage cp} (a child JVM) once half of a 256 MiB upload's parts are
 * stored, on {@code file://}, {@code oss-server} and S3Proxy; then the same command again. The
 * rerun continues the upload: it completes byte-exact, sends at most 60% of the object (counted
 * from the parts it kept, and on oss-server by the parts the server received), and leaves no upload
 * and no journal. A file rewritten between the two runs starts over, saying why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResumeTest {
  private static final int PART = 4 << 20;
  private static final int SIZE = 256 << 20;
  private static final Pattern KEPT = Pattern.compile("\\((\\d+) of (\\d+) bytes kept\\)");

  @TempDir Path temp;
  private LoopbackStores stores;
  private ChildStowage children;

  @BeforeAll
  void start() throws IOException {
    stores = new LoopbackStores();
  }

  @BeforeEach
  void newChildren() {
    children = new ChildStowage(temp.resolve("errors"));
  }

  @AfterAll
  void stop() {
    if (stores != null) {
      stores.close();
    }
  }

  @Test
  void aRerunAfterKillDashNineSendsOnlyWhatWasNotStored() throws Exception {
    Path source = randomFile(temp.resolve("dump.bin"), SIZE, 1);
    StringBuilder figures = new StringBuilder();
    for (Remote remote : stores.all(temp.resolve("file-store"))) {
      Path home = Files.createDirectories(temp.resolve("home-" + remote.name));
      String key = "resume-" + remote.name + ".bin";
      try (ObjectStore store = remote.open()) {
        killAtHalf(remote, store, home, source, key);
        long partsBefore = stores.oss.requests(OssOperation.UPLOAD_PART);

        String err = children.run(home, remote.command(cp(source, remote.uri(key))));

        Matcher kept = KEPT.matcher(err);
        assertThat(kept.find()).as(remote.name + ": the rerun says it resumed: " + err).isTrue();
        long keptBytes = Long.parseLong(kept.group(1));
        double resent = (double) (SIZE - keptBytes) / SIZE;
        figures.append(String.format(" %s %.2f", remote.name, resent));
        assertThat(resent).as(remote.name + ": share of the object sent again").isLessThan(0.6);
        if (remote.name.equals("oss")) {
          long partsSent = stores.oss.requests(OssOperation.UPLOAD_PART) - partsBefore;
          assertThat(partsSent * PART)
              .as("bytes of the parts oss-server received in the rerun")
              .isLessThanOrEqualTo((long) (SIZE * 0.6) + PART);
        }
        assertThat(md5(store, key)).as(remote.name + ": the object").isEqualTo(md5(source));
        assertThat(store.listMultipartUploads("")).as(remote.name + ": uploads left").isEmpty();
        assertThat(journaled(home)).as(remote.name + ": journals left").isEmpty();
      }
    }
    System.out.println("Resume after kill -9 at half, share of 256 MiB sent again:" + figures);
  }

  @Test
  void aDownloadRerunAfterKillDashNineFetchesOnlyWhatWasNotWritten() throws Exception {
    Path source = randomFile(temp.resolve("restore.bin"), SIZE, 5);
    StringBuilder figures = new StringBuilder();
    for (Remote remote : stores.all(temp.resolve("file-store-4")).subList(1, 3)) {
      Path home = Files.createDirectories(temp.resolve("home-down-" + remote.name));
      Path into = Files.createDirectories(temp.resolve("into-" + remote.name));
      String key = "restore-" + remote.name + ".bin";
      children.run(home, remote.command(cp(source, remote.uri(key))));
      Path ranges = into.resolve("." + key + ".stowage.ranges");
      Process child =
          children.start(
              home,
              remote.command(
                  "cp",
                  "--bandwidth-limit",
                  "64MiB",
                  "--concurrency",
                  "2",
                  "--part-size",
                  "4MiB",
                  "-q",
                  remote.uri(key),
                  into + "/"));
      long half = SIZE / PART / 2;
      children.await(() -> lines(ranges) > half, child, "half of the ranges written");
      ChildStowage.signal(child, "KILL");
      assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(into.resolve(key)).as("no file under the name after the kill").doesNotExist();

      String err = children.run(home, remote.command(cp(remote.uri(key), into + "/")));

      Matcher kept = KEPT.matcher(err);
      assertThat(kept.find()).as(remote.name + ": the rerun says it resumed: " + err).isTrue();
      double fetched = (double) (SIZE - Long.parseLong(kept.group(1))) / SIZE;
      figures.append(String.format(" %s %.2f", remote.name, fetched));
      assertThat(fetched).as(remote.name + ": share of the object fetched again").isLessThan(0.6);
      assertThat(md5(into.resolve(key))).isEqualTo(md5(source));
      try (var left = Files.list(into)) {
        assertThat(left).as("files beside the download").containsExactly(into.resolve(key));
      }
    }
    System.out.println("Download resume after kill -9 at half, share fetched again:" + figures);
  }

  @Test
  void aCopyBetweenStoresRerunAfterKillDashNineSendsOnlyWhatWasNotStored() throws Exception {
    List<Remote> remotes = stores.all(temp.resolve("file-store-5"));
    Remote oss = remotes.get(1);
    Remote s3 = remotes.get(2);
    int size = 128 << 20;
    Path file = randomFile(temp.resolve("replicated.bin"), size, 6);
    Path home = Files.createDirectories(temp.resolve("home-copy"));
    children.run(home, oss.command(cp(file, oss.uri("replicated.bin"))));
    List<String> both = new java.util.ArrayList<>(oss.options);
    both.addAll(s3.options);
    try (ObjectStore target = s3.open()) {
      killAtHalf(
          both, target, home, oss.uri("replicated.bin"), size, s3.uri("replicated-copy.bin"));
      List<String> again = new java.util.ArrayList<>(both);
      again.addAll(List.of(cp(oss.uri("replicated.bin"), s3.uri("replicated-copy.bin"))));

      String err = children.run(home, again);

      Matcher kept = KEPT.matcher(err);
      assertThat(kept.find()).as("the rerun says it resumed: " + err).isTrue();
      double resent = (double) (size - Long.parseLong(kept.group(1))) / size;
      assertThat(resent).as("share of the object sent again").isLessThan(0.6);
      assertThat(md5(target, "replicated-copy.bin")).isEqualTo(md5(file));
      assertThat(target.listMultipartUploads("")).as("uploads left").isEmpty();
      assertThat(journaled(home)).as("journals left").isEmpty();
      System.out.printf("Copy oss to s3 resumed after kill -9 at half: %.2f sent again%n", resent);
    }
  }

  @Test
  void aFileRewrittenBetweenTheRunsStartsOverAndSaysWhy() throws Exception {
    Remote remote = stores.all(temp.resolve("file-store-2")).get(1);
    Path source = randomFile(temp.resolve("changing.bin"), 64 << 20, 2);
    Path home = Files.createDirectories(temp.resolve("home-changing"));
    try (ObjectStore store = remote.open()) {
      killAtHalf(remote, store, home, source, "changing.bin");
      randomFile(source, 64 << 20, 3);

      String err = children.run(home, remote.command(cp(source, remote.uri("changing.bin"))));

      assertThat(err)
          .contains("starting changing.bin over: the source changed since the interrupted upload")
          .doesNotContain("bytes kept");
      assertThat(md5(store, "changing.bin")).isEqualTo(md5(source));
      assertThat(store.listMultipartUploads(""))
          .as("the interrupted upload was aborted, the new one completed")
          .isEmpty();
      assertThat(journaled(home)).isEmpty();
    }
  }

  @Test
  void noResumeStartsOverAndTheSweepDropsTheUploadAndItsNote() throws Exception {
    Remote remote = stores.all(temp.resolve("file-store-3")).get(0);
    Path source = randomFile(temp.resolve("again.bin"), 64 << 20, 4);
    Path home = Files.createDirectories(temp.resolve("home-again"));
    try (ObjectStore store = remote.open()) {
      killAtHalf(remote, store, home, source, "again.bin");
      List<String> noResume =
          new java.util.ArrayList<>(List.of(cp(source, remote.uri("again.bin"))));
      noResume.add(1, "--no-resume");

      String err = children.run(home, remote.command(noResume.toArray(String[]::new)));

      assertThat(err).doesNotContain("resuming").doesNotContain("over");
      assertThat(md5(store, "again.bin")).isEqualTo(md5(source));
      assertThat(store.listMultipartUploads("")).as("the killed run's upload").hasSize(1);
      assertThat(journaled(home))
          .as("the killed run's note")
          .filteredOn(note -> note.toString().endsWith(".upload"))
          .hasSize(1);

      String swept =
          children.run(home, remote.command("sweep", "--older-than", "0s", remote.uri("")));

      assertThat(swept).contains("aborted 1 of 1 abandoned upload");
      assertThat(store.listMultipartUploads("")).isEmpty();
      assertThat(journaled(home)).as("notes of uploads the sweep aborted").isEmpty();
    }
  }

  /** Starts a slow copy and kills it (-9) once half of its parts are stored. */
  private void killAtHalf(Remote remote, ObjectStore store, Path home, Path source, String key)
      throws Exception {
    killAtHalf(remote.options, store, home, source.toString(), Files.size(source), remote.uri(key));
  }

  /** Starts a slow copy of {@code size} bytes with these options, and kills it at half. */
  private void killAtHalf(
      List<String> options, ObjectStore store, Path home, String source, long size, String target)
      throws Exception {
    List<String> slow = new java.util.ArrayList<>(options);
    slow.addAll(
        List.of(
            "cp",
            "--bandwidth-limit",
            "64MiB",
            "--concurrency",
            "2",
            "--part-size",
            "4MiB",
            "-q",
            source,
            target));
    String key = target.substring(target.lastIndexOf('/') + 1);
    Process child = children.start(home, slow);
    long half = size / PART / 2;
    children.await(() -> storedParts(store, key) >= half, child, "half of the parts stored");
    ChildStowage.signal(child, "KILL");
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(store.stat(key)).as("no object after the kill").isEmpty();
  }

  private static String[] cp(Path source, String target) {
    return cp(source.toString(), target);
  }

  private static String[] cp(String source, String target) {
    return new String[] {"cp", "--part-size", "4MiB", "-q", source, target};
  }

  private static long lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    } catch (IOException e) {
      return 0; // renamed or removed while read: the next poll sees it again
    }
  }

  private static int storedParts(ObjectStore store, String key) {
    int parts = 0;
    for (MultipartUpload upload : store.listMultipartUploads(key)) {
      parts += store.listParts(upload, "").items().size();
    }
    return parts;
  }

  private static List<Path> journaled(Path home) throws IOException {
    Path uploads = home.resolve(".stowage/uploads");
    if (!Files.isDirectory(uploads)) {
      return List.of();
    }
    try (var files = Files.list(uploads)) {
      return files.toList();
    }
  }

  private static Path randomFile(Path file, int size, long seed) throws IOException {
    Random random = new Random(seed);
    byte[] chunk = new byte[1 << 20];
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int written = 0; written < size; written += chunk.length) {
        random.nextBytes(chunk);
        out.write(chunk);
      }
    }
    return file;
  }

  private static String md5(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return md5(in);
    }
  }

  private static String md5(ObjectStore store, String key) throws IOException {
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      return md5(in);
    }
  }

  private static String md5(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("MD5");
      try (InputStream digesting = new DigestInputStream(in, digest)) {
        digesting.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
