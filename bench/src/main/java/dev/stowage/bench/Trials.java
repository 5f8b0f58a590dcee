package dev.stowage.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Runs trial JVMs and pairs of them, and reads their figures. */
final class Trials {
  static final double MIB = 1024.0 * 1024;
  static final double GIB = MIB * 1024;
  static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx1g", "-XX:+UseParallelGC");
  private static final int WARMUPS = 3;
  private static final long TIMEOUT_SECONDS = 600;

  /** A trial to run, made when it is its turn. */
  interface Spec {
    Map<String, Object> run() throws IOException;
  }

  /** Two trials of one pair, in the order they ran. */
  record Pair(Map<String, Object> stowage, Map<String, Object> peer, boolean stowageFirst) {}

  private final List<String> baseFlags;
  private final Path logs;
  private final Path profiles;
  private final Set<String> profiled;
  private int count;

  Trials(Path out, Set<String> profiled, List<String> baseFlags) throws IOException {
    this.baseFlags = List.copyOf(baseFlags);
    this.logs = emptied(out.resolve("logs"));
    this.profiles = emptied(out.resolve("jfr"));
    this.profiled = profiled;
  }

  /** Creates a directory of a run's output, or empties it of an earlier run's files. */
  private static Path emptied(Path directory) throws IOException {
    Files.createDirectories(directory);
    try (var old = Files.list(directory)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    return directory;
  }

  /** Pairs of trials, the order alternating: AB, BA, AB... */
  List<Pair> pairs(int pairs, Spec stowage, Spec peer) throws IOException {
    List<Pair> done = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      boolean stowageFirst = i % 2 == 0;
      Map<String, Object> first = (stowageFirst ? stowage : peer).run();
      Map<String, Object> second = (stowageFirst ? peer : stowage).run();
      done.add(stowageFirst ? new Pair(first, second, true) : new Pair(second, first, false));
    }
    return done;
  }

  Map<String, Object> run(String scenario, String side, ServerProcess server, Map<String, ?> extra)
      throws IOException {
    return run(scenario, side, server, extra, JVM_FLAGS);
  }

  Map<String, Object> run(
      String scenario,
      String side,
      ServerProcess server,
      Map<String, ?> extra,
      List<String> jvmFlags)
      throws IOException {
    int number = ++count;
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("scenario", scenario);
    args.put("side", side);
    args.put("warmups", WARMUPS);
    args.put("budget", 128L << 20);
    if (server != null) {
      args.put("endpoint", server.endpoint());
      args.put("server", server.kind());
    }
    args.putAll(extra);
    List<String> flags = new ArrayList<>(baseFlags);
    flags.addAll(jvmFlags);
    if (profiled.contains(scenario)) {
      flags.add(
          "-XX:StartFlightRecording=settings=profile,filename="
              + profiles.resolve(scenario + "-" + number + "-" + side + ".jfr"));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("side", side);
    result.put("loadAverage", loadAverage());
    Path log = logs.resolve(String.format("%03d-%s-%s.log", number, scenario, side));
    try (JavaProcess trial =
        new JavaProcess(flags, Trial.class.getName(), TrialSettings.arguments(args), log)) {
      trial.killAfter(TIMEOUT_SECONDS);
      trial.await("MEASURE");
      Map<String, Object> before = server == null ? null : server.counts();
      trial.send("GO");
      result.putAll(Json.read(trial.await("RESULT ")));
      if (server != null) {
        result.put("server", difference(before, server.counts()));
      }
      trial.send("CLEAN");
    } catch (IOException e) {
      result.put("error", e.getMessage() + " (" + log.getFileName() + ")");
    }
    System.out.printf("%-4s %-18s %s%n", scenario, side, summary(result));
    return result;
  }

  private static String summary(Map<String, Object> result) {
    if (failed(result)) {
      return "FAILED: " + result.get("error");
    }
    double bytes = number(result, "bytes");
    String rate =
        bytes > 0
            ? String.format("%8.1f MiB/s", bytes / MIB / seconds(result))
            : String.format("%8.3f s", seconds(result));
    return String.format(
        "%s  cpu %.2f s (kernel %.2f s)  rss +%.0f MiB",
        rate, number(result, "cpuSeconds"), number(result, "kernelCpuSeconds"), rssMiB(result));
  }

  private static Map<String, Object> difference(
      Map<String, Object> before, Map<String, Object> after) {
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : after.entrySet()) {
      if (entry.getKey().equals("maxHeadsInFlight")) {
        counts.put(entry.getKey(), entry.getValue());
        continue;
      }
      double was = before.get(entry.getKey()) instanceof Number n ? n.doubleValue() : 0;
      double now = ((Number) entry.getValue()).doubleValue();
      if (entry.getKey().equals("cpuSeconds")) {
        counts.put("cpuSeconds", now - was);
      } else if (now - was > 0) {
        counts.put(entry.getKey(), Math.round(now - was));
      }
    }
    return counts;
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  static boolean failed(Map<String, Object> result) {
    return result.containsKey("error");
  }

  static double number(Map<String, Object> result, String name) {
    return result.get(name) instanceof Number n ? n.doubleValue() : Double.NaN;
  }

  static double seconds(Map<String, Object> result) {
    return number(result, "seconds");
  }

  static double mibPerSecond(Map<String, Object> result) {
    return number(result, "bytes") / MIB / seconds(result);
  }

  static double cpuPerGib(Map<String, Object> result) {
    return number(result, "cpuSeconds") / (number(result, "bytes") / GIB);
  }

  static double rssMiB(Map<String, Object> result) {
    return number(result, "rssPeakAboveBaseline") / MIB;
  }

  /** Requests the server saw during the measured run, by operation. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> serverCounts(Map<String, Object> result) {
    return result.get("server") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  static long serverRequests(Map<String, Object> result, Set<String> operations) {
    return serverCounts(result).entrySet().stream()
        .filter(e -> operations.contains(e.getKey()))
        .mapToLong(e -> ((Number) e.getValue()).longValue())
        .sum();
  }
}
