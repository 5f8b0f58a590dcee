package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.TransferEngine;
import dev.stowage.replica.ReplicaClient;
import dev.stowage.replica.SqliteHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the command promises for every remote store, run against a real server in this JVM: a tree
 * copied there and back, and one clear line for a missing bucket, refused credentials or an
 * over-long key. A subclass starts the server and names the scheme's options.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractRemoteStoreCommandTest {
  static final String BUCKET = "cli-bucket";

  @TempDir Path temp;

  record Result(int code, String out, String err) {}

  /** The scheme, such as {@code s3}. */
  abstract String scheme();

  /** The options that reach the test server with good credentials. */
  abstract List<String> options();

  /** The option that replaces the secret with the given wrong one. */
  abstract String wrongSecretOption(String secret);

  /** The longest key the store takes, in bytes. */
  abstract int maxKeyBytes();

  /** The credentials, which must appear in no output. */
  abstract List<String> secrets();

  /** What the probe withdraws from the test server, each a line {@code withdraw CAPABILITY}. */
  List<String> probeWithdrawals() {
    return List.of();
  }

  /** Runs after the tree was copied and removed; checks what the server still holds. */
  void afterRoundTrip() {}

  Result run(String... args) {
    return run(options(), args);
  }

  static Result run(List<String> options, String... args) {
    List<String> all = new ArrayList<>(options);
    all.addAll(List.of(args));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Stowage.run(
            AbstractRemoteStoreCommandTest.class.getClassLoader(),
            new ByteArrayOutputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            all.toArray(String[]::new));
    return new Result(code, out.toString(), err.toString());
  }

  String uri(String path) {
    return scheme() + "://" + BUCKET + "/" + path;
  }

  Path oneFile() throws IOException {
    return Files.writeString(temp.resolve("f.txt"), "x");
  }

  @Test
  void copiesATreeThereAndBack() throws IOException {
    Path source = Files.createDirectories(temp.resolve("src/sub"));
    byte[] big = new byte[6 * 1024 * 1024 + 3];
    new Random(5).nextBytes(big);
    Files.write(temp.resolve("src/big.bin"), big);
    Files.writeString(source.resolve("note.txt"), "hi");

    Result up = run("cp", "-r", temp.resolve("src").toString(), uri("backup/"));
    assertThat(up.code()).as(up.err()).isZero();
    assertThat(run("ls", "-r", uri("backup/")).out().lines())
        .containsExactly("big.bin", "sub/note.txt");
    assertThat(run("stat", uri("backup/big.bin")).out())
        .contains("size:      " + big.length + " (");
    Result down = run("cp", "-r", "-v", uri("backup/"), temp.resolve("back").toString());
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(down.out().lines())
        .as("-v names the files written, not the objects read")
        .anyMatch(line -> line.contains(temp.resolve("back/sub/note.txt").toString()))
        .noneMatch(line -> line.contains("backup/"));
    assertThat(Files.readAllBytes(temp.resolve("back/big.bin"))).isEqualTo(big);
    assertThat(Files.readString(temp.resolve("back/sub/note.txt"))).isEqualTo("hi");
    assertThat(run("rm", "-r", uri("backup/")).code()).isZero();
    assertThat(run("ls", "-r", uri("backup/")).out()).isEmpty();
    afterRoundTrip();
  }

  @Test
  void aRestoreGivesBackTheTimeAndModeTheUploadRecorded() throws IOException {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions: this file system has none");
    Path source = Files.createDirectories(temp.resolve("modes"));
    byte[] big = new byte[6 * 1024 * 1024 + 1]; // a multipart upload and a ranged download
    new Random(3).nextBytes(big);
    Path script = Files.writeString(source.resolve("run.sh"), "#!/bin/sh\n");
    Path data = Files.write(source.resolve("big.bin"), big);
    Instant recorded = Instant.parse("2019-06-07T08:09:10.5Z");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("r--------"));
    for (Path file : List.of(script, data)) {
      Files.setLastModifiedTime(file, FileTime.from(recorded));
    }
    String fileDefault =
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(Files.createFile(temp.resolve("probe"))));

    Result up = run("cp", "-r", source.toString(), uri("modes/"));
    Result down = run("cp", "-r", uri("modes/"), temp.resolve("restored").toString());
    Result one = run("cp", uri("modes/run.sh"), temp.resolve("one.sh").toString());

    assertThat(up.code()).as(up.err()).isZero();
    assertThat(run("stat", uri("modes/run.sh")).out())
        .contains("meta:      mode=750")
        .contains("meta:      mtime=1559894950.5");
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(one.code()).as(one.err()).isZero();
    for (Path file :
        List.of(
            temp.resolve("restored/run.sh"),
            temp.resolve("restored/big.bin"),
            temp.resolve("one.sh"))) {
      assertThat(Files.getLastModifiedTime(file).toInstant())
          .as(file.toString())
          .isEqualTo(recorded);
    }
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(temp.resolve("restored/run.sh"))))
        .isEqualTo(LocalFoldersTest.masked("rwxr-x---", fileDefault));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("one.sh"))))
        .isEqualTo(LocalFoldersTest.masked("rwxr-x---", fileDefault));
    assertThat(
            PosixFilePermissions.toString(
                Files.getPosixFilePermissions(temp.resolve("restored/big.bin"))))
        .isEqualTo("r--------");
    assertThat(Files.readAllBytes(temp.resolve("restored/big.bin"))).isEqualTo(big);
  }

  @Test
  void takesPercentSignsInALocationLiterallyAsAwsS3Does() throws IOException {
    Path file = oneFile();

    Result copy = run("cp", file.toString(), uri("pct/a%20b.txt"));

    assertThat(copy.code()).as(copy.err()).isZero();
    assertThat(run("ls", uri("pct/")).out().lines()).containsExactly("a%20b.txt");
    assertThat(run("stat", uri("pct/a b.txt")).code()).as("no object 'a b.txt'").isEqualTo(1);
    assertThat(run("rm", uri("pct/a%20b.txt")).code()).isZero();
  }

  @Test
  void copiesWithTheEngineKnobsAndNamesEachObject() throws IOException {
    byte[] big = new byte[11 * 1024 * 1024 + 3];
    new Random(11).nextBytes(big);
    Path file = Files.write(temp.resolve("knobs.bin"), big);
    String[] knobs = {"--part-size", "5MiB", "--concurrency", "3", "--checksum", "crc64ecma"};

    Result up = run(concat(new String[] {"cp", "-v"}, knobs, file.toString(), uri("knobs/")));
    Result down =
        run(
            concat(
                new String[] {"cp"}, knobs, uri("knobs/knobs.bin"), temp.resolve("k2").toString()));

    assertThat(up.code()).as(up.err()).isZero();
    java.util.zip.Checksum reference = dev.stowage.engine.internal.Crc64.ecma();
    reference.update(big, 0, big.length);
    assertThat(up.out().strip())
        .startsWith(uri("knobs/knobs.bin") + " (verified by ")
        .as("the CRC-64 --checksum asked for, in decimal as OSS shows it")
        .contains("; crc64ecma " + Long.toUnsignedString(reference.getValue()) + " (hex ")
        .endsWith(")");
    assertThat(up.err()).containsPattern("copied 1 object, .* in .* s, verified by .+");
    assertThat(down.code()).as(down.err()).isZero();
    assertThat(Files.readAllBytes(temp.resolve("k2"))).isEqualTo(big);
    try (ObjectStore store = openStore()) {
      assertThat(store.listMultipartUploads("knobs/")).isEmpty();
    }
  }

  @Test
  void probesTheStoreAndLeavesNothingBehind() {
    Result probe = run("probe", uri("probe"));

    assertThat(probe.code()).as(probe.err()).isZero();
    assertThat(probe.out())
        .contains("OK     body stored exactly (default)")
        .contains("OK     conditional create: a second create-only write was refused")
        .contains("OK     part listing: 2 of 2 parts listed")
        .containsPattern("OK     clean-up: removed [0-9]+ objects");
    assertThat(ProbeCommandTest.withdrawals(probe.out()))
        .as("what the probe withdraws")
        .containsExactlyElementsOf(probeWithdrawals());
    assertThat(run("ls", "-r", uri("probe/")).out()).as("what the probe left").isBlank();
    assertThat(probe.out() + probe.err()).doesNotContain(secrets());
  }

  @Test
  void sweepsAnAbandonedUpload() {
    try (ObjectStore store = openStore()) {
      store.initiateMultipart("sweep/abandoned", WriteOptions.DEFAULTS);
      Result young = run("sweep", uri("sweep/"));
      Result swept = run("sweep", "--older-than", "0s", uri("sweep/"));

      assertThat(young.err()).contains("aborted 0 of 0 abandoned uploads");
      assertThat(swept.code()).as(swept.err()).isZero();
      assertThat(swept.err()).contains("aborted 1 of 1 abandoned upload");
      assertThat(store.listMultipartUploads("sweep/")).isEmpty();
    }
  }

  private static String[] concat(String[] first, String[] second, String... rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(List.of(second));
    all.addAll(List.of(rest));
    return all.toArray(String[]::new);
  }

  @Test
  void listsVerifiesAndRestoresALitestreamReplica() throws Exception {
    List<byte[]> images;
    try (ObjectStore store = openStore("replica");
        TransferEngine engine = TransferEngine.create()) {
      images =
          SqliteHistory.replicate(
              ReplicaClient.of(store, engine), temp, Instant.parse("2026-11-01T00:00:00Z"));
    }
    Result listed = run("replica", "ls", "--timestamps", uri("replica"));
    Result verified = run("replica", "verify", uri("replica"));
    Path latest = temp.resolve("latest.db");
    Result restored = run("replica", "restore", uri("replica"), "-o", latest.toString());
    Path early = temp.resolve("early.db");
    Result pointInTime =
        run(
            "replica",
            "restore",
            uri("replica"),
            "-o",
            early.toString(),
            "--timestamp",
            "2026-11-01T00:00:03Z");
    Result again = run("replica", "restore", uri("replica"), "-o", latest.toString());

    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out())
        .contains("9     0000000000000001 0000000000000001")
        .contains("1     0000000000000002 0000000000000003")
        .contains("2026-11-01T00:00:04Z");
    assertThat(verified.out()).contains("5 LTX files verified").contains("transaction 4");
    assertThat(restored.code()).as(restored.err()).isZero();
    assertThat(restored.err()).contains("to transaction 4 from 3 files");
    assertThat(Files.readAllBytes(latest)).isEqualTo(images.get(4));
    assertThat(SqliteHistory.checkedRows(latest)).isEqualTo(268);
    assertThat(pointInTime.code()).as(pointInTime.err()).isZero();
    assertThat(SqliteHistory.checkedRows(early)).isEqualTo(402);
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("exists").doesNotContain("Exception");
  }

  /** Opens the bucket with the options the commands get. */
  ObjectStore openStore() {
    return openStore("");
  }

  /** Opens a path of the bucket with the options the commands get. */
  ObjectStore openStore(String path) {
    Map<String, String> config = new LinkedHashMap<>();
    List<String> options = options();
    for (int i = 0; i + 1 < options.size(); i += 2) {
      String pair = options.get(i + 1);
      config.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    return Providers.load()
        .open(StorageLocation.parse(scheme() + "://" + BUCKET + "/" + path), config);
  }

  @Test
  void saysInOneLineThatABucketIsMissing() throws IOException {
    Result result = run("cp", oneFile().toString(), scheme() + "://no-such-bucket/f.txt");
    assertThat(result.code()).isEqualTo(2);
    assertOneCleanLine(result);
    assertThat(result.err()).contains("the bucket 'no-such-bucket' does not exist");
  }

  @Test
  void saysInOneLineThatCredentialsWereRefused() throws IOException {
    List<String> wrong = new ArrayList<>(options());
    wrong.addAll(List.of("-o", wrongSecretOption("WRONG-CANARY")));
    Result result = run(wrong, "cp", oneFile().toString(), uri("f.txt"));
    assertThat(result.code()).isEqualTo(1);
    assertOneCleanLine(result);
    assertThat(result.err()).contains("credentials were refused").doesNotContain("WRONG-CANARY");
  }

  @Test
  void saysInOneLineThatAKeyIsTooLong() throws IOException {
    int bytes = maxKeyBytes() + 1;
    Result result = run("cp", oneFile().toString(), uri("k".repeat(bytes)));
    assertThat(result.code()).isEqualTo(2);
    assertOneCleanLine(result);
    assertThat(result.err()).contains(bytes + " bytes");
  }

  void assertOneCleanLine(Result result) {
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).doesNotContain("\tat ");
    for (String secret : secrets()) {
      assertThat(result.err()).doesNotContain(secret);
    }
  }
}
