package dev.stowage.bench;

import static dev.stowage.bench.Bench.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes {@code results.json} and {@code results.md}, the table docs/performance.md copies. */
final class Report {
  private Report() {}

  static void write(
      Path out, String profile, Map<String, Object> limits, List<Outcome> outcomes, long start)
      throws IOException {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("date", LocalDate.now(ZoneOffset.UTC).toString());
    json.put("command", command(profile));
    json.put("machine", machine());
    if (start != 0) {
      json.put("minutes", (System.nanoTime() - start) / 60e9);
    }
    json.put("limits", limits);
    json.put("scenarios", outcomes);
    Files.writeString(out.resolve("results.json"), Json.pretty(json));
    Files.writeString(out.resolve("results.md"), markdown(json, limits, outcomes));
  }

  private static String command(String profile) {
    return "./mvnw -B -Pbench package -DskipTests -Dbench.profile=" + profile;
  }

  private static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("cpu", firstValue(Path.of("/proc/cpuinfo"), "model name"));
    machine.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    return machine;
  }

  private static String firstValue(Path file, String name) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> line.startsWith(name))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String markdown(
      Map<String, Object> json, Map<String, Object> limits, List<Outcome> outcomes) {
    StringBuilder md = new StringBuilder();
    @SuppressWarnings("unchecked")
    Map<String, Object> machine = (Map<String, Object>) json.get("machine");
    md.append("- Date: ").append(json.get("date")).append('\n');
    md.append("- Command: `").append(json.get("command")).append("`\n");
    md.append("- Machine: ")
        .append(machine.get("cores"))
        .append(" cores, ")
        .append(machine.get("cpu"))
        .append(", ")
        .append(machine.get("memory"))
        .append(", ")
        .append(machine.get("java"))
        .append('\n');
    if (json.containsKey("minutes")) {
      md.append(String.format("- Run time: %.1f minutes%n", (Double) json.get("minutes")));
    }
    md.append("\n| id | work | peer | Stowage | peer | ratio | 95% interval | goals |\n");
    md.append("|---|---|---|---|---|---|---|---|\n");
    for (Outcome outcome : outcomes) {
      md.append("| ")
          .append(outcome.id())
          .append(" | ")
          .append(outcome.work())
          .append(" | ")
          .append(outcome.peer())
          .append(" | ")
          .append(side(outcome.figures().get("stowage")))
          .append(" | ")
          .append(side(outcome.figures().get("peer")))
          .append(" | ")
          .append(format(outcome.median()))
          .append(" (")
          .append(outcome.ratio())
          .append(") | ")
          .append(format(outcome.low()))
          .append("–")
          .append(format(outcome.high()))
          .append(" | ")
          .append(String.join("; ", outcome.goals()))
          .append(" |\n");
    }
    md.append("\nLimits measured in the same run: ");
    limits.forEach(
        (name, value) -> md.append(name).append(' ').append(rounded(value)).append("; "));
    md.append('\n');
    return md.toString();
  }

  private static String rounded(Object value) {
    if (value instanceof Map<?, ?> map) {
      StringBuilder text = new StringBuilder("{");
      map.forEach(
          (name, inner) ->
              text.append(text.length() > 1 ? ", " : "")
                  .append(name)
                  .append(' ')
                  .append(rounded(inner)));
      return text.append('}').toString();
    }
    return value instanceof Double d ? String.format("%.0f", d) : String.valueOf(value);
  }

  @SuppressWarnings("unchecked")
  private static String side(Object figures) {
    Map<String, Object> f = (Map<String, Object>) figures;
    if (f.containsKey("MiBps")) {
      return String.format(
          "%.0f MiB/s, %.2f CPU-s/GiB, +%.0f MiB RSS, %s req",
          (Double) f.get("MiBps"),
          (Double) f.get("cpuSecondsPerGiB"),
          (Double) f.get("rssPeakMiB"),
          f.get("serverRequests"));
    }
    if (f.containsKey("seconds")) {
      double rss = (Double) f.get("rssPeakMiB");
      return String.format("%.3f s", (Double) f.get("seconds"))
          + (Double.isNaN(rss)
              ? ""
              : String.format(", +%.0f MiB RSS, %s req", rss, f.get("serverRequests")));
    }
    return "failed";
  }
}
