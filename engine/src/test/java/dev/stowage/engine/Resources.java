package dev.stowage.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What this JVM holds that a leak would grow: its open TCP sockets (Linux, from {@code /proc}) and
 * its live threads. Threads a library starts once per JVM, not per client, are not counted.
 */
record Resources(int tcpSockets, Set<String> threads) {
  /** The AWS SDK's one scheduler for response-stream timeouts, a static of ResponseInputStream. */
  private static final Set<String> ONCE_PER_JVM = Set.of("response-input-stream-timeout-scheduler");

  static Resources now() {
    Set<String> threads =
        Thread.getAllStackTraces().keySet().stream()
            .filter(Thread::isAlive)
            .map(Thread::getName)
            .filter(name -> !ONCE_PER_JVM.contains(name))
            .collect(Collectors.toCollection(TreeSet::new));
    return new Resources(countTcpSockets(), threads);
  }

  /** The threads alive now that were not before. */
  Set<String> threadsSince(Resources before) {
    Set<String> started = new TreeSet<>(threads);
    started.removeAll(before.threads);
    return started;
  }

  private static int countTcpSockets() {
    Path proc = Path.of("/proc/self");
    if (!Files.isDirectory(proc.resolve("fd"))) {
      return 0; // not Linux: not counted
    }
    try {
      Set<String> tcpInodes = new HashSet<>();
      for (String table : List.of("net/tcp", "net/tcp6")) {
        for (String line : Files.readAllLines(proc.resolve(table))) {
          String[] fields = line.trim().split("\\s+");
          if (fields.length > 9 && !fields[9].equals("inode") && !fields[9].equals("0")) {
            tcpInodes.add(fields[9]);
          }
        }
      }
      try (Stream<Path> fds = Files.list(proc.resolve("fd"))) {
        return (int)
            fds.map(Resources::target)
                .filter(link -> link.startsWith("socket:["))
                .filter(link -> tcpInodes.contains(link.substring(8, link.length() - 1)))
                .count();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String target(Path fd) {
    try {
      return Files.readSymbolicLink(fd).toString();
    } catch (IOException e) {
      return ""; // closed while listed
    }
  }
}
