package dev.stowage.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bench's server JVM, seen from the orchestrator. */
final class ServerProcess implements AutoCloseable {
  private final String kind;
  private final JavaProcess process;
  private final String endpoint;

  ServerProcess(String kind, List<String> args, Path log) throws IOException {
    this.kind = kind;
    this.process =
        new JavaProcess(
            List.of(
                "-Xms2g",
                "-Xmx12g",
                "-XX:+UseParallelGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"),
            BenchServer.class.getName(),
            args,
            log);
    this.endpoint = process.await("READY ");
  }

  String kind() {
    return kind;
  }

  String endpoint() {
    return endpoint;
  }

  /** The server's request counts by operation and its CPU seconds, cumulative. */
  synchronized Map<String, Object> counts() throws IOException {
    process.send("COUNTS");
    return new HashMap<>(Json.read(process.await("COUNTS ")));
  }

  synchronized void headLatency(long millis) throws IOException {
    process.send("LATENCY " + millis);
    process.await("OK");
  }

  @Override
  public void close() throws IOException {
    process.close();
  }
}
