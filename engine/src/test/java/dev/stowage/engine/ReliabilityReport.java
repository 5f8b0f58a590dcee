package dev.stowage.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a reliability suite did, summed over its cases: faults fired by type and provider,
 * operations run, objects verified byte for byte, corrupt or lost objects, orphaned uploads and
 * secrets found. Written to {@code target/reliability-report.json} and {@code .txt}, and printed.
 */
final class ReliabilityReport {
  private final Map<String, Long> faults = new TreeMap<>();
  private final Map<String, Long> faultsByProvider = new TreeMap<>();
  private final Map<String, long[]> outcomesByCase = new TreeMap<>();
  private final Map<String, String> firstFailureByCase = new TreeMap<>();
  final AtomicLong operations = new AtomicLong();
  final AtomicLong verified = new AtomicLong();
  final AtomicLong failedTyped = new AtomicLong();
  final AtomicLong corrupt = new AtomicLong();
  final AtomicLong orphans = new AtomicLong();
  final AtomicLong secrets = new AtomicLong();
  final AtomicLong overDeadline = new AtomicLong();
  final AtomicLong corruptionsInjected = new AtomicLong();
  private long logLines;
  private long logLeaks;
  private Map<String, Long> logLeaksByLogger = Map.of();
  private int leakedSockets;
  private Set<String> leakedThreads = Set.of();

  /** Records what was left open once every store, server and proxy was closed. */
  synchronized void leaks(int sockets, Set<String> threads) {
    leakedSockets = sockets;
    leakedThreads = Set.copyOf(threads);
  }

  /** Records how many log lines were read at the most verbose level, and which held a secret. */
  synchronized void logs(long lines, long leaks, Map<String, Long> leaksByLogger) {
    logLines = lines;
    logLeaks = leaks;
    logLeaksByLogger = new TreeMap<>(leaksByLogger);
  }

  synchronized void fired(String provider, Map<? extends Enum<?>, Integer> counts) {
    counts.forEach(
        (kind, count) -> {
          if (count > 0) {
            faults.merge(kind.name(), (long) count, Long::sum);
            faultsByProvider.merge(provider, (long) count, Long::sum);
          }
        });
  }

  /** Counts one operation's end under a case, such as {@code s3 SLOW_DOWN_503}. */
  synchronized void ended(String caseName, boolean verifiedOk) {
    outcomesByCase.computeIfAbsent(caseName, name -> new long[2])[verifiedOk ? 0 : 1]++;
  }

  /** Keeps the first failure of a case, so the report says how its failures looked. */
  synchronized void failure(String caseName, Throwable e) {
    firstFailureByCase.putIfAbsent(
        caseName,
        e.getClass().getSimpleName()
            + ": "
            + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
  }

  synchronized long totalFaults() {
    return faults.values().stream().mapToLong(Long::longValue).sum();
  }

  synchronized int faultTypes() {
    return (int) faults.values().stream().filter(count -> count > 0).count();
  }

  synchronized String json() {
    StringBuilder json = new StringBuilder("{\n  \"faultsInjected\": ").append(totalFaults());
    json.append(",\n  \"faultTypes\": ").append(faultTypes());
    json.append(",\n  \"faultsByType\": ").append(object(faults));
    json.append(",\n  \"faultsByProvider\": ").append(object(faultsByProvider));
    json.append(",\n  \"operations\": ").append(operations.get());
    json.append(",\n  \"objectsVerified\": ").append(verified.get());
    json.append(",\n  \"failuresTypedAndClean\": ").append(failedTyped.get());
    json.append(",\n  \"corruptionsInjected\": ").append(corruptionsInjected.get());
    json.append(",\n  \"corruptOrLostObjects\": ").append(corrupt.get());
    json.append(",\n  \"orphanedUploads\": ").append(orphans.get());
    json.append(",\n  \"secretsFound\": ").append(secrets.get());
    json.append(",\n  \"logLinesRead\": ").append(logLines);
    json.append(",\n  \"secretsInLogLines\": ").append(logLeaks);
    json.append(",\n  \"secretsInLogLinesByLogger\": ").append(object(logLeaksByLogger));
    json.append(",\n  \"operationsOverDeadline\": ").append(overDeadline.get());
    json.append(",\n  \"leakedTcpSockets\": ").append(leakedSockets);
    json.append(",\n  \"leakedThreads\": ").append(leakedThreads.size());
    json.append(",\n  \"verifiedAndFailedByCase\": {");
    String separator = "";
    for (Map.Entry<String, long[]> entry : outcomesByCase.entrySet()) {
      json.append(separator)
          .append("\n    \"")
          .append(entry.getKey())
          .append("\": [")
          .append(entry.getValue()[0])
          .append(", ")
          .append(entry.getValue()[1])
          .append(']');
      separator = ",";
    }
    json.append("\n  }");
    return json.append("\n}\n").toString();
  }

  synchronized String text() {
    StringBuilder text = new StringBuilder("Stowage reliability report\n");
    text.append(String.format("  faults injected: %d of %d types%n", totalFaults(), faultTypes()));
    faults.forEach((kind, count) -> text.append(String.format("    %-28s %6d%n", kind, count)));
    faultsByProvider.forEach(
        (provider, count) -> text.append(String.format("    on %-25s %6d%n", provider, count)));
    text.append(String.format("  operations run: %d%n", operations.get()));
    text.append(String.format("  objects verified byte for byte: %d%n", verified.get()));
    text.append(String.format("  failures, typed and leaving nothing: %d%n", failedTyped.get()));
    text.append(
        String.format(
            "  single-byte corruptions injected: %d, reported as success with wrong bytes: %d%n",
            corruptionsInjected.get(), corrupt.get()));
    text.append(String.format("  orphaned uploads: %d%n", orphans.get()));
    text.append(String.format("  secrets found in messages: %d%n", secrets.get()));
    text.append(
        String.format(
            "  log lines read at the most verbose level: %d, with a secret: %d %s%n",
            logLines, logLeaks, logLeaksByLogger.isEmpty() ? "" : logLeaksByLogger));
    text.append(String.format("  operations over their deadline + 10%%: %d%n", overDeadline.get()));
    text.append(
        String.format(
            "  left open once everything closed: %d TCP sockets, %d threads %s%n",
            leakedSockets, leakedThreads.size(), leakedThreads.isEmpty() ? "" : leakedThreads));
    text.append("  verified / failed, by case:\n");
    outcomesByCase.forEach(
        (name, counts) ->
            text.append(String.format("    %-34s %5d / %d%n", name, counts[0], counts[1])));
    text.append("  first failure, by case:\n");
    firstFailureByCase.forEach(
        (name, failure) -> text.append(String.format("    %-34s %s%n", name, failure)));
    return text.toString();
  }

  void write(Path directory) {
    try {
      Files.createDirectories(directory);
      Files.writeString(
          directory.resolve("reliability-report.json"), json(), StandardCharsets.UTF_8);
      Files.writeString(
          directory.resolve("reliability-report.txt"), text(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.print(text());
  }

  private static String object(Map<String, Long> values) {
    StringBuilder json = new StringBuilder("{");
    values.forEach(
        (name, count) ->
            json.append(json.length() > 1 ? ", " : "")
                .append('"')
                .append(name)
                .append("\": ")
                .append(count));
    return json.append('}').toString();
  }
}
