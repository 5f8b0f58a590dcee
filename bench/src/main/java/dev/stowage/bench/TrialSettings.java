package dev.stowage.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The {@code name=value} arguments the orchestrator gives a trial JVM. */
record TrialSettings(Map<String, String> values) {
  static final long MIB = 1024L * 1024;
  static final long PART_SIZE = 8 * MIB;
  static final int CONCURRENCY = 8;

  static TrialSettings parse(String[] args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("not name=value: " + arg);
      }
      values.put(arg.substring(0, eq), arg.substring(eq + 1));
    }
    return new TrialSettings(Map.copyOf(values));
  }

  static List<String> arguments(Map<String, ?> values) {
    return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }

  String text(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("trial argument " + name + " is missing");
    }
    return value;
  }

  long number(String name) {
    return Long.parseLong(text(name));
  }

  int count(String name) {
    return Math.toIntExact(number(name));
  }

  Path path(String name) {
    return Path.of(text(name));
  }

  String scenario() {
    return text("scenario");
  }

  String side() {
    return text("side");
  }

  String endpoint() {
    return text("endpoint");
  }
}
