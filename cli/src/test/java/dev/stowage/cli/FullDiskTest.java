package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.testing.Tmpfs;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A copy of 5,000 files onto a 20 MiB tmpfs: a real full disk. The first ENOSPC stops the copy (no
 * new file is started), says once that the disk is full and where, and leaves no temporary file; it
 * is never retried as a failure to read the source.
 */
class FullDiskTest {
  private static final int FILES = 5_000;
  private static final int FILE_SIZE = 8 * 1024;

  @TempDir Path temp;

  @Test
  void stopsAtTheFirstFullDiskWithOneLineAndNoTemporaryFile() throws IOException {
    Path source = Files.createDirectories(temp.resolve("src"));
    byte[] bytes = new byte[FILE_SIZE];
    for (int i = 0; i < FILES; i++) {
      bytes[0] = (byte) i;
      Files.write(source.resolve(String.format("f%05d.bin", i)), bytes);
    }
    Path mountPoint = Files.createDirectories(temp.resolve("small-disk"));
    try (Tmpfs disk = Tmpfs.mountOrSkip(mountPoint, "20m")) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      long started = System.nanoTime();
      int code =
          Stowage.run(
              FullDiskTest.class.getClassLoader(),
              java.io.OutputStream.nullOutputStream(),
              new PrintWriter(out),
              new PrintWriter(err),
              "-o",
              "file.fsync=false",
              "cp",
              "-r",
              source.toString(),
              disk.directory().toUri().toString());
      double seconds = (System.nanoTime() - started) / 1e9;
      System.out.printf("full disk: exit %d after %.2f s: %s%n", code, seconds, err);

      List<String> lines = err.toString().lines().toList();
      assertThat(code).as(err.toString()).isEqualTo(1);
      assertThat(lines).as("one line says what stopped the copy").hasSize(1);
      assertThat(lines.get(0))
          .contains("the disk is full at file://")
          .contains(disk.directory().toString())
          .contains("The copy stopped there")
          .doesNotContain("reading the source")
          .doesNotContain("times");
      List<Path> left;
      try (Stream<Path> walk = Files.walk(disk.directory())) {
        left = walk.filter(Files::isRegularFile).toList();
      }
      assertThat(left)
          .as("no temporary file is left")
          .noneMatch(file -> file.getFileName().toString().startsWith(".stowage-tmp"));
      long copied =
          left.stream().filter(file -> file.getFileName().toString().startsWith("f")).count();
      assertThat(copied).as("the copy did not go on past the full disk").isLessThan(FILES);
      assertThat(lines.get(0)).contains(" " + copied + " object");
    }
  }
}
