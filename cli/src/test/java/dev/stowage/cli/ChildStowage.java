package dev.stowage.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the real {@code stowage} command in child JVMs, each with a home folder of its own (where
 * its journals go), and sends them signals: for tests of what a kill or a Ctrl-C leaves.
 */
final class ChildStowage {
  private final Path errors;
  private final Map<Process, Path> errorFiles = new HashMap<>();

  /** Children whose standard error goes to files in {@code errors}. */
  ChildStowage(Path errors) {
    this.errors = errors;
  }

  /** Starts {@code stowage -o file.fsync=false ARGUMENTS} with this home. */
  Process start(Path home, List<String> arguments) throws IOException {
    return start(home, List.of(), Map.of(), arguments);
  }

  /**
   * Starts {@code java JVM-OPTIONS stowage -o file.fsync=false ARGUMENTS} with this home and these
   * environment variables added; its standard output goes to a file beside the errors.
   */
  Process start(
      Path home, List<String> jvmOptions, Map<String, String> environment, List<String> arguments)
      throws IOException {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "-Duser.home=" + home));
    command.addAll(jvmOptions);
    command.addAll(List.of(Stowage.class.getName(), "-o", "file.fsync=false"));
    command.addAll(arguments);
    Path err = Files.createDirectories(errors).resolve("err-" + errorFiles.size());
    Path out = errors.resolve("out-" + errorFiles.size());
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().putAll(environment);
    Process child = builder.start();
    errorFiles.put(child, err);
    return child;
  }

  /** Runs a command to its end, which must be a success; returns its standard error. */
  String run(Path home, List<String> arguments) throws Exception {
    Process child = start(home, arguments);
    assertThat(child.waitFor(300, TimeUnit.SECONDS)).as("the command ended").isTrue();
    assertThat(child.exitValue()).as(errorOf(child)).isZero();
    return errorOf(child);
  }

  /** What the child wrote to its standard error so far. */
  String errorOf(Process child) throws IOException {
    return Files.readString(errorFiles.get(child), StandardCharsets.UTF_8);
  }

  /** Sends a signal, such as {@code INT}, {@code TERM} or {@code KILL}. */
  static void signal(Process child, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(child.pid())).start();
    assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(kill.exitValue()).as("kill -" + signal).isZero();
  }

  /** Waits until the condition holds while the child runs; fails if it exits first. */
  void await(BooleanSupplier condition, Process child, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!condition.getAsBoolean()) {
      if (!child.isAlive()) {
        throw new AssertionError("the child exited before " + what + ": " + errorOf(child));
      }
      if (System.nanoTime() > deadline) {
        child.destroyForcibly();
        throw new AssertionError("waited 120 s for " + what);
      }
      TimeUnit.MILLISECONDS.sleep(20); // polls for the event; nothing depends on the interval
    }
  }
}
