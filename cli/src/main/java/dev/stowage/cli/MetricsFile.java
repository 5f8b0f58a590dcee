package dev.stowage.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one run in the Prometheus text format, for node_exporter's textfile collector (a
 * cron job's {@code --metrics-file /var/lib/node_exporter/textfile/stowage.prom}): written to a
 * temporary name and renamed over the file, so the collector never reads half of it, at the end of
 * every run, success or failure. A failed run keeps the time of the last success the file held.
 */
final class MetricsFile {
  private static final Pattern LAST_SUCCESS =
      Pattern.compile(
          "^stowage_last_success_timestamp_seconds\\{command=\"[^\"]*\"\\} (\\S+)$",
          Pattern.MULTILINE);

  private MetricsFile() {}

  /**
   * Writes the file.
   *
   * @param command the command that ran, such as {@code cp}
   * @param succeeded whether it exited 0
   * @param figures its objects and bytes done and failed
   * @param duration how long it ran
   * @param now when it ended
   */
  static void write(
      Path file,
      String command,
      boolean succeeded,
      ProgressTally.Snapshot figures,
      Duration duration,
      Instant now)
      throws IOException {
    Optional<String> lastSuccess = succeeded ? Optional.of(seconds(now)) : previousSuccess(file);
    StringBuilder text = new StringBuilder();
    lastSuccess.ifPresent(
        value ->
            gauge(
                text,
                "stowage_last_success_timestamp_seconds",
                "When the command last ended with success, in seconds since the epoch.",
                command,
                value));
    gauge(
        text,
        "stowage_last_run_timestamp_seconds",
        "When the last run ended.",
        command,
        seconds(now));
    gauge(
        text,
        "stowage_last_run_success",
        "1 if the last run ended with success, else 0.",
        command,
        succeeded ? "1" : "0");
    gauge(
        text,
        "stowage_last_run_objects",
        "Objects transferred and verified by the last run.",
        command,
        String.valueOf(figures.objectsDone()));
    gauge(
        text,
        "stowage_last_run_bytes",
        "Bytes transferred by the last run.",
        command,
        String.valueOf(figures.bytesDone()));
    gauge(
        text,
        "stowage_last_run_failed_objects",
        "Objects the last run could not transfer.",
        command,
        String.valueOf(figures.objectsFailed()));
    gauge(
        text,
        "stowage_last_run_duration_seconds",
        "How long the last run took.",
        command,
        String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9));
    Path parent = file.toAbsolutePath().getParent();
    // the umask's permissions, as for any file a job writes: the collector may run as another user
    Path temporary = parent.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.writeString(
          temporary,
          text,
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static void gauge(
      StringBuilder text, String name, String help, String command, String value) {
    text.append("# HELP ").append(name).append(' ').append(help).append('\n');
    text.append("# TYPE ").append(name).append(" gauge\n");
    text.append(name).append("{command=\"").append(command).append("\"} ").append(value);
    text.append('\n');
  }

  private static Optional<String> previousSuccess(Path file) throws IOException {
    try {
      Matcher matcher = LAST_SUCCESS.matcher(Files.readString(file, StandardCharsets.UTF_8));
      return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private static String seconds(Instant time) {
    return String.format(Locale.ROOT, "%d.%03d", time.getEpochSecond(), time.getNano() / 1_000_000);
  }
}
