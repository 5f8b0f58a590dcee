package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.engine.TransferEngine;
import dev.stowage.replica.ReplicaClient;
import dev.stowage.replica.SqliteHistory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command run in-process, against real directories, through the providers on the class path.
 */
class StowageTest {
  @TempDir Path temp;
  private Path source;

  record Result(int code, String out, String err, byte[] raw) {}

  @BeforeEach
  void makeSourceTree() throws IOException {
    source = Files.createDirectories(temp.resolve("src"));
    Files.createDirectories(source.resolve("sub/deeper"));
    byte[] big = new byte[3 * 1024 * 1024 + 5];
    new Random(1).nextBytes(big);
    Files.write(source.resolve("big.bin"), big);
    Files.writeString(source.resolve("a.txt"), "hello\n");
    Files.writeString(source.resolve("sub/with space + plus.txt"), "x");
    Files.write(source.resolve("sub/deeper/empty"), new byte[0]);
  }

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    ByteArrayOutputStream raw = new ByteArrayOutputStream();
    int code =
        Stowage.run(
            StowageTest.class.getClassLoader(),
            raw,
            new PrintWriter(out),
            new PrintWriter(err),
            args);
    return new Result(code, out.toString(), err.toString(), raw.toByteArray());
  }

  @Test
  void copiesATreeIntoAStoreAndBackByteForByte() throws IOException {
    Path store = temp.resolve("store");
    Path back = temp.resolve("back");

    assertThat(run("cp", "-r", source.toString(), store.toUri().toString()).code()).isZero();
    Result copyBack = run("cp", "-r", "file://" + store + "/", back.toString());

    assertThat(copyBack.code()).isZero();
    assertThat(copyBack.err()).contains("copied 4 objects");
    Trees.assertSame(source, back);
  }

  @Test
  void countsTheLinksItLeavesOutListsThemWithVerboseAndFollowsThemWithL() throws IOException {
    Path outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("o.txt"), "o");
    Files.createSymbolicLink(source.resolve("to-a"), source.resolve("a.txt"));
    Files.createSymbolicLink(source.resolve("sub/to-outside"), outside);
    Files.createSymbolicLink(source.resolve("sub/loop"), source);

    Result skipping = run("cp", "-r", source.toString(), temp.resolve("skipped").toString());
    assertThat(skipping.code()).isZero();
    assertThat(skipping.err())
        .contains("copied 4 objects")
        .contains(
            "left out 3 paths that are not regular files (-v lists them;"
                + " -L follows symbolic links)");
    assertThat(temp.resolve("skipped/to-a")).doesNotExist();

    Result listing = run("cp", "-r", "-v", source.toString(), temp.resolve("listed").toString());
    assertThat(listing.err())
        .contains("skipped to-a: a symbolic link, not followed")
        .contains("skipped sub/loop: a symbolic link, not followed");

    Result following =
        run("cp", "-r", "-L", source.toString(), temp.resolve("followed").toString());
    assertThat(following.code()).as(following.err()).isZero();
    assertThat(following.err())
        .contains("copied 6 objects")
        .contains("left out 1 path that is not a regular file (-v lists them)");
    assertThat(temp.resolve("followed/to-a")).hasContent("hello");
    assertThat(temp.resolve("followed/sub/to-outside/o.txt")).hasContent("o");
    assertThat(temp.resolve("followed/sub/loop")).doesNotExist();
  }

  @Test
  void syncsATreeThenCopiesNothingAndDeletesOnlyWithinItsLimit() throws IOException {
    String store = temp.resolve("synced").toUri().toString();
    Result first = run("sync", source.toString(), store);
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("synced: 4 objects").contains("0 unchanged");

    Result second = run("sync", "-v", source.toString(), store);
    assertThat(second.err()).contains("synced: 0 objects (0 B) copied, 4 unchanged");
    assertThat(second.out()).isEmpty();

    Files.delete(source.resolve("a.txt"));
    Result dry = run("sync", "--delete", "--dry-run", source.toString(), store);
    assertThat(dry.code()).isZero();
    assertThat(dry.out()).contains("would delete a.txt (not in the source");
    assertThat(dry.err())
        .contains("dry run:")
        .contains("1 to delete")
        .contains("nothing was changed");
    assertThat(temp.resolve("synced/a.txt")).exists();

    Result refused = run("sync", "--delete", "--max-delete", "0", source.toString(), store);
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err())
        .contains("would delete more than 0 objects")
        .contains("nothing was deleted");
    assertThat(temp.resolve("synced/a.txt")).exists();

    Result deleting = run("sync", "--delete", source.toString(), store);
    assertThat(deleting.err()).contains("1 deleted");
    assertThat(temp.resolve("synced/a.txt")).doesNotExist();

    assertThat(run("sync", "--compare", "sometimes", source.toString(), store).code()).isEqualTo(2);
    assertThat(run("sync", "--max-delete", "3", source.toString(), store).err())
        .contains("--max-delete needs --delete");
  }

  @Test
  void filtersAndDryRunsChooseWhatCopySyncAndRemoveTouch() throws IOException {
    // the tree: big.bin, a.txt, sub/with space + plus.txt, sub/deeper/empty
    Path onlyText = temp.resolve("only-text");
    Result text = run("cp", "-r", "--include", "*.txt", source.toString(), onlyText.toString());
    assertThat(text.code()).as(text.err()).isZero();
    assertThat(Trees.files(onlyText))
        .containsExactlyInAnyOrder("a.txt", "sub/with space + plus.txt");

    Path noSub = temp.resolve("no-sub");
    run("cp", "-r", "--exclude", "/sub/**", "--min-size", "1", source.toString(), noSub.toString());
    assertThat(Trees.files(noSub)).containsExactlyInAnyOrder("a.txt", "big.bin");

    Path list = Files.writeString(temp.resolve("list"), "big.bin\nsub/deeper/empty\n");
    Path listed = temp.resolve("listed");
    run("cp", "-r", "--files-from", list.toString(), source.toString(), listed.toString());
    assertThat(Trees.files(listed)).containsExactlyInAnyOrder("big.bin", "sub/deeper/empty");

    Result dry =
        run(
            "cp",
            "-r",
            "--dry-run",
            "--max-size",
            "10",
            source.toString(),
            temp.resolve("dry").toString());
    assertThat(dry.out()).contains("would copy a.txt").doesNotContain("big.bin");
    assertThat(dry.err()).contains("dry run: 3 objects").contains("nothing was copied");
    assertThat(temp.resolve("dry")).doesNotExist();

    String store = temp.resolve("store").toUri().toString();
    run("cp", "-r", source.toString(), store);
    Result dryRemove = run("rm", "-r", "--dry-run", "--include", "*.txt", store);
    assertThat(dryRemove.out()).contains("would delete a.txt").doesNotContain("big.bin");
    assertThat(Trees.files(temp.resolve("store"))).hasSize(4);
    run("rm", "-r", "--exclude", "big.bin", store);
    assertThat(Trees.files(temp.resolve("store"))).containsExactly("big.bin");

    // a synced tree keeps what the filter leaves out, even with --delete
    String synced = temp.resolve("synced-filtered").toUri().toString();
    run("sync", "--exclude", "*.bin", source.toString(), synced);
    Files.writeString(temp.resolve("synced-filtered/kept.bin"), "not from the source");
    Result deleting = run("sync", "--delete", "--exclude", "*.bin", source.toString(), synced);
    assertThat(deleting.err()).contains("0 deleted");
    assertThat(Trees.files(temp.resolve("synced-filtered")))
        .containsExactlyInAnyOrder(
            "a.txt", "kept.bin", "sub/with space + plus.txt", "sub/deeper/empty");

    assertThat(run("cp", "--include", "*.txt", source.resolve("a.txt").toString(), store).err())
        .contains("use them with -r");
    assertThat(run("cp", "-r", "--include", "[abc", source.toString(), store).err())
        .contains("--include the glob '[abc' opens a [ it never closes");
    assertThat(run("sync", "--max-age", "soon", source.toString(), store).err())
        .contains("--max-age 'soon' is not an age");
  }

  @Test
  void copiesStandardInputOfUnknownLengthAsOneObject() throws IOException {
    byte[] dump = new byte[5 * 1024 * 1024 + 17];
    new Random(3).nextBytes(dump);
    String store = temp.resolve("from-stdin").toUri().toString();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Stowage.run(
            StowageTest.class.getClassLoader(),
            new java.io.ByteArrayInputStream(dump) {
              @Override
              public synchronized int available() {
                return 0; // a pipe: no length known ahead
              }
            },
            new ByteArrayOutputStream(),
            new PrintWriter(out),
            new PrintWriter(err),
            "cp",
            "--part-size",
            "1MiB",
            "-",
            store + "/db.dump");
    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).contains("copied 1 object, 5.0 MiB");
    assertThat(Files.readAllBytes(temp.resolve("from-stdin/db.dump"))).isEqualTo(dump);

    assertThat(run("cp", "-", store + "/").err()).contains("names a folder");
    assertThat(run("cp", "-r", "-", store + "/x").err()).contains("-r does not go with it");
  }

  @Test
  void movesAnObjectAndATreeDeletingEachSourceOnlyAfterItsCopy() throws IOException {
    String store = temp.resolve("moved").toUri().toString();
    run("cp", "-r", source.toString(), temp.resolve("work").toString());
    Path work = temp.resolve("work");

    Result one = run("mv", work.resolve("a.txt").toString(), store + "/renamed.txt");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.err()).contains("moved 1 object");
    assertThat(work.resolve("a.txt")).doesNotExist();
    assertThat(temp.resolve("moved/renamed.txt")).hasContent("hello");

    Result tree = run("mv", "-r", "--exclude", "*.bin", work.toString(), store + "/tree/");
    assertThat(tree.code()).as(tree.err()).isZero();
    assertThat(Trees.files(work)).containsExactly("big.bin");
    assertThat(Trees.files(temp.resolve("moved/tree")))
        .containsExactlyInAnyOrder("sub/with space + plus.txt", "sub/deeper/empty");

    assertThat(run("mv", work.toString(), store).err()).contains("Move it with 'stowage mv -r'");
    assertThat(run("mv", "-", store + "/x").err()).contains("use 'stowage cp -'");
  }

  @Test
  void printsJsonLinesWithStableFieldsForScripts() throws Exception {
    String store = temp.resolve("json").toUri().toString();
    tools.jackson.databind.json.JsonMapper json =
        tools.jackson.databind.json.JsonMapper.builder().build();

    Result copied = run("cp", "-r", "--json", "-q", source.toString(), store);
    tools.jackson.databind.JsonNode totals = json.readTree(copied.out()).get("totals");
    assertThat(totals.get("copied").asLong()).isEqualTo(4);
    assertThat(totals.get("bytes").asLong()).isEqualTo(3 * 1024 * 1024 + 5 + 6 + 1);

    Result listed = run("ls", "-r", "--json", store);
    List<tools.jackson.databind.JsonNode> lines = new java.util.ArrayList<>();
    for (String line : listed.out().split("\n")) {
      lines.add(json.readTree(line));
    }
    assertThat(lines)
        .extracting(node -> node.get("key").asString())
        .containsExactly("a.txt", "big.bin", "sub/deeper/empty", "sub/with space + plus.txt");
    assertThat(lines.get(0).get("size").asLong()).isEqualTo(6);
    assertThat(lines.get(0).has("modified")).isTrue();

    assertThat(run("ls", "--json", store).out()).contains("{\"prefix\":\"sub/\"}");

    tools.jackson.databind.JsonNode stat =
        json.readTree(run("stat", "--json", store + "/a.txt").out());
    assertThat(stat.get("key").asString()).isEqualTo("a.txt");
    assertThat(stat.get("checksums").has("crc32c")).isTrue();

    Files.writeString(source.resolve("new.txt"), "new");
    Result synced = run("sync", "--json", "-q", source.toString(), store);
    String[] syncLines = synced.out().split("\n");
    assertThat(json.readTree(syncLines[0]).get("action").asString()).isEqualTo("copy");
    assertThat(json.readTree(syncLines[0]).get("reason").asString()).isEqualTo("missing");
    tools.jackson.databind.JsonNode syncTotals = json.readTree(syncLines[1]).get("totals");
    assertThat(syncTotals.get("copied").asLong()).isEqualTo(1);
    assertThat(syncTotals.get("unchanged").asLong()).isEqualTo(4);
  }

  @Test
  void namesARemoteInAConfigFileAndRefusesOneThatOthersCanReadWithASecret() throws IOException {
    Path vault = temp.resolve("vault");
    Path config =
        Files.writeString(
            temp.resolve("stowage.conf"),
            "# remotes\n[vault]\nlocation = " + vault.toUri() + "\nfsync = false\n");
    Result copied =
        run("--config", config.toString(), "cp", "-r", source.toString(), "vault:backup/");
    assertThat(copied.code()).as(copied.err()).isZero();
    assertThat(Trees.files(vault.resolve("backup"))).hasSize(4);
    assertThat(run("--config", config.toString(), "ls", "vault:backup/").out()).contains("a.txt");

    Path leaky =
        Files.writeString(
            temp.resolve("leaky.conf"),
            "[cloud]\nlocation = oss://bucket/p/\naccess-key-secret = CANARY-CONF-SECRET\n");
    Files.setPosixFilePermissions(
        leaky, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
    Result refused = run("--config", leaky.toString(), "ls", "cloud:");
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err())
        .contains("holds a secret but others can read it")
        .contains("chmod 600")
        .doesNotContain("CANARY-CONF-SECRET");

    assertThat(run("--config", temp.resolve("missing.conf").toString(), "ls", "x").err())
        .contains("cannot be read");
  }

  @Test
  void refusesALocationInsideStowagesOwnFolders() throws IOException {
    Path internal = Files.createDirectories(temp.resolve("store/.stowage/tmp"));
    Result result = run("cp", source.resolve("a.txt").toString(), internal.toUri().toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("lies inside .stowage, a folder of Stowage's own")
        .contains("Choose a location outside it");
    assertThat(internal).isEmptyDirectory();
  }

  @Test
  void listsOneLevelOrAllAndStatsAnObject() {
    Path store = temp.resolve("store");
    run("cp", "-r", source.toString(), store.toString());

    assertThat(run("ls", store.toString()).out().lines())
        .containsExactly("a.txt", "big.bin", "sub/");
    assertThat(run("ls", "-r", store.toString()).out().lines())
        .containsExactly("a.txt", "big.bin", "sub/deeper/empty", "sub/with space + plus.txt");
    assertThat(run("ls", "-l", store.resolve("big.bin").toString()).out())
        .contains("3145733")
        .contains("big.bin")
        .containsPattern(" \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ  big.bin");
    assertThat(run("ls", "-l", "-h", store + "/").out())
        .contains("3.0 MiB")
        .contains("6 B")
        .doesNotContain("3145733");
    Result stat = run("stat", store.resolve("big.bin").toString());
    assertThat(stat.code()).isZero();
    assertThat(stat.out().lines())
        .contains("size:      3145733 (3.0 MiB)")
        .anyMatch(line -> line.matches("crc32c:    [0-9a-f]{8}"))
        .allMatch(line -> line.length() > 11 && line.charAt(10) == ' ' && line.charAt(11) != ' ');
  }

  @Test
  void catWritesTheBytes() {
    Result cat = run("cat", source.resolve("a.txt").toString());
    assertThat(cat.code()).isZero();
    assertThat(new String(cat.raw(), StandardCharsets.UTF_8)).isEqualTo("hello\n");
  }

  @Test
  void copiesOneFileIntoADirectoryUnderItsName() throws IOException {
    Path target = Files.createDirectories(temp.resolve("target"));
    assertThat(run("cp", source.resolve("a.txt").toString(), target.toString()).code()).isZero();
    assertThat(Files.readString(target.resolve("a.txt"))).isEqualTo("hello\n");
  }

  @Test
  void removesAnObjectAndATree() {
    Path store = temp.resolve("store");
    run("cp", "-r", source.toString(), store.toString());

    assertThat(run("rm", store.resolve("a.txt").toString()).code()).isZero();
    assertThat(Files.exists(store.resolve("a.txt"))).isFalse();
    Result tree = run("rm", "-r", store.resolve("sub").toString());
    assertThat(tree.code()).isZero();
    assertThat(tree.err()).contains("removed 2 of 2 objects");
    assertThat(run("ls", "-r", store.toString()).out().lines()).containsExactly("big.bin");
  }

  @Test
  void failsWithOneLineAndCodeOneOnAMissingSource() {
    Result result = run("cp", temp.resolve("missing.txt").toString(), temp.resolve("x").toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err())
        .contains("missing.txt")
        .contains("no such file")
        .doesNotContain("Exception");
  }

  @Test
  void failsWithCodeTwoOnAnUnknownSchemeListingTheKnownOnes() {
    Result result = run("cp", source.resolve("a.txt").toString(), "nosuch://bucket/key");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("no provider for the scheme 'nosuch'")
        .contains("Known schemes: file");
    assertThat(result.err().lines()).hasSize(1);
  }

  @Test
  void failsWithCodeTwoOnAnInvalidKey() {
    Result result = run("stat", temp.resolve("back\\slash").toString());
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err()).contains("backslash");
  }

  @Test
  void refusesToOverwriteWithNoClobber() throws IOException {
    Path target = temp.resolve("kept.txt");
    Files.writeString(target, "precious");
    Result result =
        run("cp", "--no-clobber", source.resolve("a.txt").toString(), target.toString());
    assertThat(result.code()).isEqualTo(1);
    assertThat(result.err()).contains("exists and --no-clobber is set");
    assertThat(Files.readString(target)).isEqualTo("precious");
  }

  @Test
  void refusesCredentialsInALocationWithoutEchoingThem() {
    Result result = run("ls", "s3://AKIAEXAMPLE:SECRETCANARY@bucket/p");
    assertThat(result.code()).isEqualTo(2);
    assertThat(result.err())
        .contains("credentials")
        .doesNotContain("SECRETCANARY")
        .doesNotContain("AKIAEXAMPLE");
  }

  @Test
  void refusesADirectoryWithoutRecursiveAndACopyIntoItself() {
    assertThat(run("cp", source.toString(), temp.resolve("x").toString()).code()).isEqualTo(2);
    Result intoItself = run("cp", "-r", source.toString(), source.resolve("inner").toString());
    assertThat(intoItself.code()).isEqualTo(2);
    assertThat(intoItself.err()).contains("inside the source");
  }

  @Test
  void reportsUsageErrorsWithCodeTwo() {
    assertThat(run().code()).isEqualTo(2);
    Result unknown = run("frobnicate");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Try 'stowage --help'");
    assertThat(run("cp", "only-one-argument").code()).isEqualTo(2);
  }

  @Test
  void showsTheStackTraceOnlyWithDebug() {
    String missing = temp.resolve("missing.txt").toString();
    assertThat(run("stat", missing).err()).doesNotContain("\tat ");
    assertThat(run("--debug", "stat", missing).err()).contains("\tat ");
  }

  @Test
  void listsProvidersWithTheirOptionsAndPrintsTheVersion() {
    Result providers = run("providers");
    assertThat(providers.code()).isZero();
    assertThat(providers.out()).contains("file://").contains("file.fsync").contains("default true");
    Result version = run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("stowage ").doesNotContain("unknown");
  }

  @Test
  void passesProviderOptionsAndRejectsUnknownOnes() {
    Path store = temp.resolve("store");
    assertThat(
            run(
                    "-o",
                    "file.metadata=sidecar",
                    "cp",
                    source.resolve("a.txt").toString(),
                    "file://" + store + "/")
                .code())
        .isZero();
    assertThat(Files.exists(store.resolve(".stowage/meta/a.txt/.stowage-attrs"))).isTrue();
    Result unknown =
        run("-o", "file.fsnyc=false", "cp", source.resolve("a.txt").toString(), store + "/");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown option file.fsnyc");
  }

  @Test
  void listingALocalFolderThatIsNotThereFailsAndCreatesNothing() {
    Path missing = temp.resolve("not-there");

    Result listed = run("ls", missing + "/");

    assertThat(listed.code()).isEqualTo(1);
    assertThat(listed.err()).contains("no such directory").contains("not-there");
    assertThat(missing).doesNotExist();
    assertThat(run("ls", temp.resolve("src") + "/").code()).isZero();
  }

  @Test
  void writesTheRunsFiguresForTheTextfileCollectorSuccessOrFailure() throws IOException {
    Path metrics = temp.resolve("stowage.prom");
    Path store = temp.resolve("measured");

    Result copied =
        run("cp", "-r", "--metrics-file", metrics.toString(), source + "/", store + "/");

    assertThat(copied.code()).as(copied.err()).isZero();
    String first = Files.readString(metrics);
    assertThat(first.lines().filter(line -> !line.startsWith("#")))
        .allMatch(line -> line.matches("stowage_[a-z_]+\\{command=\"cp\"\\} [0-9.]+"))
        .contains(
            "stowage_last_run_success{command=\"cp\"} 1",
            "stowage_last_run_objects{command=\"cp\"} 4",
            "stowage_last_run_bytes{command=\"cp\"} " + (3 * 1024 * 1024 + 5 + 6 + 1),
            "stowage_last_run_failed_objects{command=\"cp\"} 0");
    String success = lastSuccess(first);

    Result failed =
        run(
            "--metrics-file",
            metrics.toString(),
            "cp",
            temp.resolve("no-such-file").toString(),
            store + "/");

    assertThat(failed.code()).isEqualTo(1);
    String second = Files.readString(metrics);
    assertThat(second).contains("stowage_last_run_success{command=\"cp\"} 0");
    assertThat(lastSuccess(second)).as("the last success, kept").isEqualTo(success);
    try (Stream<Path> files = Files.list(temp)) {
      assertThat(files).noneMatch(file -> file.getFileName().toString().endsWith(".tmp"));
    }
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      assertThat(Files.getPosixFilePermissions(metrics))
          .as("readable as the umask lets any new file be: the collector may be another user")
          .isEqualTo(Files.getPosixFilePermissions(Files.createFile(temp.resolve("probe"))));
    }
  }

  private static String lastSuccess(String metrics) {
    return metrics
        .lines()
        .filter(line -> line.startsWith("stowage_last_success_timestamp_seconds"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void takesProviderOptionsAfterTheCommandToo() {
    Path store = temp.resolve("store-after");
    Result copied =
        run(
            "cp",
            "-o",
            "file.metadata=sidecar",
            source.resolve("a.txt").toString(),
            "file://" + store + "/");
    assertThat(copied.code()).as(copied.err()).isZero();
    assertThat(Files.exists(store.resolve(".stowage/meta/a.txt/.stowage-attrs"))).isTrue();
    Result listed = run("ls", "--option", "file.metadata=sidecar", store + "/");
    assertThat(listed.code()).as(listed.err()).isZero();
    assertThat(listed.out()).contains("a.txt");
    Result unknown =
        run("cp", "-o", "file.fsnyc=false", source.resolve("a.txt").toString(), store + "/");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown option file.fsnyc");
  }

  @Test
  void restoresALitestreamReplicaFromADirectory() throws Exception {
    Path replica = temp.resolve("replica");
    List<byte[]> images;
    try (ObjectStore store = Providers.load().open(StorageLocation.of(replica), Map.of());
        TransferEngine engine = TransferEngine.create()) {
      images =
          SqliteHistory.replicate(
              ReplicaClient.of(store, engine), temp, Instant.parse("2026-11-01T00:00:00Z"));
    }
    Path output = temp.resolve("restored/at-two.db");

    Result listed = run("replica", "ls", "--level", "0", replica.toString());
    Result restored =
        run("replica", "restore", "--txid", "2", "-o", output.toString(), "file://" + replica);

    assertThat(Files.exists(replica.resolve("ltx/9/0000000000000001-0000000000000001.ltx")))
        .isTrue();
    assertThat(listed.out().lines().skip(1)).hasSize(3);
    assertThat(restored.code()).as(restored.err()).isZero();
    assertThat(Files.readAllBytes(output)).isEqualTo(images.get(2));
    assertThat(SqliteHistory.checkedRows(output)).isEqualTo(402);
  }

  @Test
  void refusesBadReplicaRequestsWithOneClearLine() {
    Path empty = temp.resolve("empty-replica");
    Result nothing =
        run("replica", "restore", "-o", temp.resolve("x.db").toString(), empty.toString());
    Result badTime =
        run("replica", "restore", "--timestamp", "yesterday", "-o", "x.db", empty.toString());
    Result both =
        run(
            "replica",
            "restore",
            "--txid",
            "3",
            "--timestamp",
            "2026-01-01T00:00:00Z",
            "-o",
            "x.db",
            empty.toString());
    Result noOutput = run("replica", "restore", empty.toString());

    assertThat(nothing.code()).isEqualTo(1);
    assertThat(nothing.err()).contains("nothing to restore").contains("empty-replica");
    assertThat(badTime.code()).isEqualTo(2);
    assertThat(badTime.err()).contains("'yesterday' is not an RFC 3339 time");
    assertThat(both.code()).isEqualTo(2);
    assertThat(noOutput.code()).isEqualTo(2);
    assertThat(noOutput.err()).contains("--output");
    for (Result result : List.of(nothing, badTime, both, noOutput)) {
      assertThat(result.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }
    assertThat(temp.resolve("x.db")).doesNotExist();
  }

  @Test
  void refusesBadTransferOptionsBeforeAnyIo() throws IOException {
    Path file = Files.writeString(temp.resolve("o.txt"), "o");
    Result size = run("cp", "--part-size", "8 lots", file.toString(), temp.resolve("x").toString());
    Result budget =
        run(
            "cp",
            "--part-size",
            "64MiB",
            "--memory-budget",
            "16MiB",
            file.toString(),
            temp.resolve("x").toString());
    Result age = run("sweep", "--older-than", "soon", temp.toString());

    assertThat(size.code()).isEqualTo(2);
    assertThat(size.err()).contains("'8 lots' is not a size");
    assertThat(budget.code()).isEqualTo(2);
    assertThat(budget.err())
        .contains("--memory-budget of 16.0 MiB cannot hold one part of 64.0 MiB");
    assertThat(age.code()).isEqualTo(2);
    assertThat(age.err()).contains("'soon' is not an age");
    assertThat(Files.exists(temp.resolve("x"))).isFalse();
  }
}
