package dev.stowage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The time each file of a batch took, from its start to its end, in the order they ended. */
final class FileLatencies {
  private final ConcurrentLinkedQueue<Long> nanos = new ConcurrentLinkedQueue<>();

  void clear() {
    nanos.clear();
  }

  void record(long fileNanos) {
    nanos.add(fileNanos);
  }

  /** The 50th and 99th percentiles in milliseconds, and the count, added to a trial's result. */
  Map<String, Object> percentiles() {
    List<Long> sorted = new ArrayList<>(nanos);
    sorted.sort(null);
    if (sorted.isEmpty()) {
      return Map.of("files", 0);
    }
    return Map.of(
        "files",
        sorted.size(),
        "p50Ms",
        sorted.get((sorted.size() - 1) / 2) / 1e6,
        "p99Ms",
        sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1) / 1e6);
  }
}
