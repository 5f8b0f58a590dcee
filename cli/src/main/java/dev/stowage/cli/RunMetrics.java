package dev.stowage.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The figures of one run for {@code --metrics-file}: written at the end, success or failure, and on
 * Ctrl-C or SIGTERM, for the commands that transfer.
 */
final class RunMetrics {
  private static final List<String> TRANSFERRING = List.of("cp", "sync", "mv", "run");

  private final long started = System.nanoTime();

  /** The command whose figures go to the file, and its display; null for none. */
  private String measured;

  private ProgressDisplay display;

  /** Makes a transferring command's figures go to {@code file}, if one was asked for. */
  void measure(Path file, String command, ProgressDisplay display, PrintWriter err) {
    this.measured = command;
    this.display = display;
    if (file != null) {
      // a run cut short by Ctrl-C or SIGTERM is a failure, and says so too
      Interrupts.afterCancel(() -> write(file, command, Stowage.FAILURE, err));
    }
  }

  /** Writes the file if asked: also for a run that failed before it transferred. */
  void write(Path file, String command, int code, PrintWriter err) {
    if (file == null
        || (measured == null && (command == null || !TRANSFERRING.contains(command)))) {
      return; // only the commands that transfer have figures
    }
    ProgressTally.Snapshot nothing =
        new ProgressTally.Snapshot(0, 0, true, 0, 0, 0, 0, 0, Optional.empty());
    try {
      MetricsFile.write(
          file,
          measured != null ? measured : command,
          code == 0,
          display != null ? display.figures() : nothing,
          Duration.ofNanos(System.nanoTime() - started),
          Instant.now());
    } catch (IOException | RuntimeException e) {
      err.println(
          "stowage: warning: the metrics file " + file + " was not written: " + e.getMessage());
    }
  }
}
