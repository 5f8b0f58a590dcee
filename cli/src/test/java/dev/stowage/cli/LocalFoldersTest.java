package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Local paths as {@code cp} treats them: a plain destination folder gets files and nothing else,
 * with the umask's permissions and the source's time and mode; what cannot be read is left out and
 * named, the rest copied, and the exit code says so at the end.
 */
class LocalFoldersTest {
  private static final Instant RECORDED = Instant.parse("2020-01-02T03:04:05Z");

  @TempDir Path temp;
  private Path source;

  @BeforeEach
  void makeSource() throws IOException {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions: this file system has none");
    source = Files.createDirectories(temp.resolve("src"));
    Path script =
        Files.writeString(
            Files.createDirectories(source.resolve("sub")).resolve("run.sh"), "#!/bin/sh\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-x---"));
    Files.setLastModifiedTime(script, FileTime.from(RECORDED));
    Files.writeString(source.resolve("a.txt"), "a");
  }

  @AfterEach
  void removeWhatJavaCannotReach() throws Exception {
    // a tree deeper than PATH_MAX cannot be deleted by path; rm works from folder to folder
    Process rm = new ProcessBuilder("rm", "-rf", temp.resolve("src").toString()).start();
    assertThat(rm.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aPlainFolderGetsTheFilesWithTheirTimeAndModeAndNothingElse() throws IOException {
    Path target = temp.resolve("copy");
    String fileDefault = permissionsOf(Files.createFile(temp.resolve("probe")));
    // what killed runs left in the source: Stowage's own, never copied
    Files.write(
        source.resolve(".a.txt.stowage-" + java.util.UUID.randomUUID() + ".part"), new byte[1]);
    Files.write(source.resolve("sub/.big.bin.stowage.ranges"), new byte[1]);

    StowageTest.Result tree = StowageTest.run("cp", "-r", source.toString(), target + "/");
    StowageTest.Result one =
        StowageTest.run("cp", source.resolve("sub/run.sh").toString(), temp.resolve("one") + "/");

    assertThat(tree.code()).as(tree.err()).isZero();
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(allPaths(target)).containsExactly("a.txt", "sub", "sub/run.sh");
    assertThat(allPaths(temp.resolve("one"))).containsExactly("run.sh");
    assertThat(permissionsOf(target.resolve("a.txt"))).isEqualTo(fileDefault);
    for (Path copied : List.of(target.resolve("sub/run.sh"), temp.resolve("one/run.sh"))) {
      assertThat(Files.getLastModifiedTime(copied).toInstant()).isEqualTo(RECORDED);
      assertThat(permissionsOf(copied))
          .as("rwxr-x--- as far as the umask lets it")
          .isEqualTo(masked("rwxr-x---", fileDefault));
    }
  }

  @Test
  void aFolderThatCannotBeReadIsLeftOutNamedAndTheRestCopied() throws Exception {
    // deeper than PATH_MAX: no one, root included, can open it by its path
    Process deep =
        new ProcessBuilder(
                "bash",
                "-c",
                "cd \"$1\" && for i in $(seq 1 24); do d=$(printf 'd%.0s' $(seq 1 200)); mkdir"
                    + " \"$d\" && cd \"$d\"; done && echo deep > deep.txt",
                "deep",
                source.resolve("sub").toString())
            .inheritIO()
            .start();
    assertThat(deep.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(deep.exitValue()).isZero();
    Path store = temp.resolve("store");

    StowageTest.Result copy =
        StowageTest.run("cp", "-r", source.toString(), store.toUri().toString());

    assertThat(copy.code()).as("a failure, told at the end").isEqualTo(1);
    assertThat(copy.err())
        .contains("cannot read ")
        .contains("File name too long")
        .contains("it was left out, the rest was copied")
        .contains("1 of 3 objects could not be copied");
    assertThat(StowageTest.run("ls", "-r", store.toUri().toString()).out().lines())
        .containsExactly("a.txt", "sub/run.sh");
  }

  @Test
  void anEmptyFolderCopiesNothingAndSucceedsAMissingOneFails() throws IOException {
    Path empty = Files.createDirectories(temp.resolve("empty"));

    StowageTest.Result copied = StowageTest.run("cp", "-r", empty.toString(), temp + "/out/");
    StowageTest.Result missing =
        StowageTest.run("cp", "-r", temp.resolve("nope").toString(), temp + "/out/");
    StowageTest.Result missingFile =
        StowageTest.run("cp", temp.resolve("nope.txt").toString(), temp + "/out/");

    assertThat(copied.code()).as(copied.err()).isZero();
    assertThat(copied.err()).contains("copied 0 objects");
    assertThat(missing.code()).isEqualTo(1);
    assertThat(missing.err())
        .isEqualTo(
            "stowage: cannot read "
                + temp.resolve("nope")
                + ": no such folder. Check the"
                + " source path.\n");
    assertThat(missingFile.code()).isEqualTo(1);
    assertThat(missingFile.err())
        .isEqualTo(
            "stowage: cannot read "
                + temp.resolve("nope.txt")
                + ": no such file. Check the"
                + " path.\n");
  }

  @Test
  void rmRAndMvRLeaveNoEmptyFolderBehind() throws IOException {
    Path store = temp.resolve("store");
    Path folder = temp.resolve("folder");
    Files.writeString(
        Files.createDirectories(source.resolve("sub/deeper/deepest")).resolve("z"), "z");
    assertThat(StowageTest.run("cp", "-r", source.toString(), store.toUri().toString()).code())
        .isZero();
    assertThat(StowageTest.run("cp", "-r", source.toString(), folder + "/").code()).isZero();

    for (String root : List.of(store.toUri().toString(), folder + "/")) {
      StowageTest.Result removed = StowageTest.run("rm", "-r", root + "sub/");
      assertThat(removed.code()).as(removed.err()).isZero();
    }

    assertThat(allPaths(store)).filteredOn(p -> !p.startsWith(".stowage")).containsExactly("a.txt");
    assertThat(allPaths(folder)).containsExactly("a.txt");

    StowageTest.Result moved =
        StowageTest.run("mv", "-r", folder.toString(), temp.resolve("moved") + "/");
    assertThat(moved.code()).as(moved.err()).isZero();
    assertThat(folder).as("mv leaves no empty folder behind").doesNotExist();
    assertThat(allPaths(temp.resolve("moved"))).containsExactly("a.txt");
  }

  @Test
  void aFileWithTheLongestNameTheFileSystemTakesIsCopiedEachWay() throws IOException {
    String name = "n".repeat(255);
    Path file = Files.writeString(Files.createDirectories(temp.resolve("long")).resolve(name), "x");
    Path store = temp.resolve("long-store");

    StowageTest.Result intoFolder =
        StowageTest.run("cp", file.toString(), temp.resolve("long-folder") + "/");
    StowageTest.Result intoStore = StowageTest.run("cp", file.toString(), store.toUri() + "/");
    StowageTest.Result back =
        StowageTest.run("cp", "-r", store.toUri().toString(), temp.resolve("long-back") + "/");

    assertThat(intoFolder.code()).as(intoFolder.err()).isZero();
    assertThat(intoStore.code()).as(intoStore.err()).isZero();
    assertThat(back.code()).as(back.err()).isZero();
    assertThat(allPaths(temp.resolve("long-folder"))).containsExactly(name);
    assertThat(allPaths(temp.resolve("long-back"))).containsExactly(name);
  }

  /** Every path under a folder, files and folders, relative. */
  private static List<String> allPaths(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> !p.equals(root))
          .map(p -> root.relativize(p).toString())
          .sorted()
          .toList();
    }
  }

  private static String permissionsOf(Path file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  /** Recorded permissions as a new file under the umask gets them: execute follows read. */
  static String masked(String recorded, String fileDefault) {
    StringBuilder result = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      int readOfThisClass = i - i % 3;
      boolean allowed =
          fileDefault.charAt(i) != '-'
              || (i % 3 == 2 && fileDefault.charAt(readOfThisClass) != '-');
      result.append(allowed ? recorded.charAt(i) : '-');
    }
    return result.toString();
  }
}
