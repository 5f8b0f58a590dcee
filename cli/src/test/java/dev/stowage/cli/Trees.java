package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Comparisons of directory trees for the command's tests. */
final class Trees {
  private Trees() {}

  /**
   * The regular files of a tree, relative and with {@code /} separators, leaving out the filesystem
   * store's own ({@code .stowage*}).
   */
  static List<String> files(Path root) throws IOException {
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile)
          .map(root::relativize)
          .filter(path -> !path.toString().contains(".stowage"))
          .map(path -> path.toString().replace(java.io.File.separatorChar, '/'))
          .sorted()
          .toList();
    }
  }

  /** Asserts that two trees hold the same files with the same bytes. */
  static void assertSame(Path expected, Path actual) throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(expected)) {
      files = walk.filter(Files::isRegularFile).map(expected::relativize).sorted().toList();
    }
    try (Stream<Path> walk = Files.walk(actual)) {
      assertThat(walk.filter(Files::isRegularFile).map(actual::relativize).sorted().toList())
          .isEqualTo(files);
    }
    for (Path file : files) {
      assertThat(Files.mismatch(expected.resolve(file), actual.resolve(file)))
          .as(file.toString())
          .isEqualTo(-1L);
    }
  }
}
