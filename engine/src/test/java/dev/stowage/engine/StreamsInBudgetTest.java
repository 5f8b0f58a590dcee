package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The memory budget bounds the part buffers that are alive, not only those it counts: twelve
 * streams of three parts each through a 16 MiB budget fit in a 96 MiB heap. A reader that kept a
 * reference to a part it had handed over (12 x 8 MiB beyond the budget) ran out of memory here.
 */
class StreamsInBudgetTest {
  @TempDir Path root;

  @Test
  void manyStreamsFitTheirBudgetInASmallHeap() throws Exception {
    Path output = root.resolve("child.out");
    Path store = Files.createDirectories(root.resolve("store"));
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx96m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                ManyStreamsWriter.class.getName(),
                store.toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("the child ended").isTrue();
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertThat(child.exitValue()).as(printed).isZero();
    assertThat(printed).contains("DONE " + ManyStreamsWriter.BUDGET);
    try (Stream<Path> files = Files.list(store)) {
      assertThat(files.filter(f -> f.getFileName().toString().startsWith("stream-")))
          .hasSize(ManyStreamsWriter.STREAMS)
          .allSatisfy(f -> assertThat(size(f)).isEqualTo(ManyStreamsWriter.STREAM_BYTES));
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
