package dev.stowage.replica;

import dev.stowage.api.ObjectStore;
import dev.stowage.engine.Stores;
import dev.stowage.engine.TransferEngine;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Measures a listing of N LTX files with exact timestamps against oss-server with a fixed latency
 * injected into every metadata request, beside the ideal N x latency / fan-out. A benchmark, run by
 * hand (see docs/performance.md), not a test:
 *
 * <pre>
 * ./mvnw -B -q install -DskipTests
 * ./mvnw -B -q -pl replica exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.stowage.replica.ReplicaListingBench -Dexec.args="10000 20 50"
 * </pre>
 */
public final class ReplicaListingBench {
  private ReplicaListingBench() {}

  /**
   * Runs the measurement.
   *
   * @param args files, latency in ms, stats in flight
   * @throws Exception if the server or a request fails
   */
  public static void main(String[] args) throws Exception {
    int files = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int fanOut = args.length > 2 ? Integer.parseInt(args[2]) : 50;
    try (OssServer server = OssServer.builder().build().start();
        ObjectStore store = Stores.oss(server, "bench", "db");
        TransferEngine engine = TransferEngine.builder().statConcurrency(fanOut).build()) {
      ReplicaClient client = ReplicaClient.of(store, engine);
      Instant t0 = Instant.parse("2026-11-23T00:00:00Z");
      ExecutorService writers = Executors.newFixedThreadPool(16);
      List<Future<LtxFile>> written = new ArrayList<>();
      for (int i = 1; i <= files; i++) {
        long txid = i;
        written.add(
            writers.submit(
                () ->
                    client.write(
                        0,
                        txid,
                        txid,
                        new ByteArrayInputStream(
                            ReplicaClientContract.ltx(txid, txid, t0.plusMillis(txid))))));
      }
      for (Future<LtxFile> file : written) {
        file.get();
      }
      writers.shutdown();
      server
          .faults()
          .inject(
              Fault.stall(Duration.ofMillis(latencyMs))
                  .on(OssOperation.HEAD_OBJECT)
                  .times(Integer.MAX_VALUE));
      for (int round = 1; round <= 3; round++) {
        long listedStart = System.nanoTime();
        int listed = client.files(0, 0, TimestampMode.LISTED).size();
        double listedSeconds = (System.nanoTime() - listedStart) / 1e9;
        long exactStart = System.nanoTime();
        List<LtxFile> exact = client.files(0, 0, TimestampMode.EXACT);
        double exactSeconds = (System.nanoTime() - exactStart) / 1e9;
        int stalled = server.faults().fired(OssOperation.HEAD_OBJECT);
        long right =
            exact.stream().filter(f -> f.createdAt().equals(t0.plusMillis(f.minTxid()))).count();
        double ideal = (double) files * latencyMs / 1000 / fanOut;
        System.out.printf(
            Locale.ROOT,
            "round %d: %d stalled HEADs so far; %d files, LIST only %.2f s; exact timestamps %.2f s (%d right) at %d ms"
                + " latency, %d in flight; ideal N x latency / %d = %.2f s; ratio %.2f%n",
            round,
            stalled,
            listed,
            listedSeconds,
            exactSeconds,
            right,
            latencyMs,
            fanOut,
            fanOut,
            ideal,
            exactSeconds / ideal);
      }
    }
  }
}
