package dev.stowage.bench;

import static dev.stowage.bench.Trials.GIB;
import static dev.stowage.bench.Trials.MIB;
import static dev.stowage.bench.Trials.cpuPerGib;
import static dev.stowage.bench.Trials.failed;
import static dev.stowage.bench.Trials.mibPerSecond;
import static dev.stowage.bench.Trials.number;
import static dev.stowage.bench.Trials.rssMiB;
import static dev.stowage.bench.Trials.seconds;
import static dev.stowage.bench.Trials.serverCounts;
import static dev.stowage.bench.Trials.serverRequests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bench's orchestrator: makes the source files on tmpfs, starts each server in its own JVM,
 * runs every scenario as interleaved pairs of forked client JVMs with the limits calibrated in the
 * same run, and writes {@code results.json} and {@code results.md}.
 *
 * <p>Options: {@code --profile=quick|full}, {@code --only=B1,B3}, {@code --jfr=B1} (record a JFR
 * profile of every trial of those scenarios), {@code --out=DIR}, {@code --distribution=DIR} (the
 * {@code stowage} distribution, for B9).
 */
public final class Bench {
  private static final Set<String> S3_WRITES =
      Set.of(
          "putBlob", "initiateMultipartUpload", "uploadMultipartPart", "completeMultipartUpload");
  private static final Set<String> S3_REQUESTS =
      Set.of(
          "putBlob",
          "initiateMultipartUpload",
          "uploadMultipartPart",
          "completeMultipartUpload",
          "abortMultipartUpload",
          "getBlob",
          "blobMetadata",
          "removeBlob",
          "removeBlobs",
          "list",
          "listV1",
          "blobMetadataIfPresent");
  private static final Set<String> OSS_WRITES =
      Set.of("PUT_OBJECT", "INITIATE_MULTIPART_UPLOAD", "UPLOAD_PART", "COMPLETE_MULTIPART_UPLOAD");

  private static final String KEY_STORE_PASSWORD = "bench-only";

  /** The sizes of a run. */
  record Profile(
      String name,
      int limitRuns,
      long size,
      long warmSize,
      int pairs,
      int smallFiles,
      int largeFiles,
      int deleteKeys,
      int statKeys,
      int streams,
      long streamSize,
      int syncFiles,
      int tinyFiles) {}

  static final Profile QUICK =
      new Profile(
          "quick", 1, 64L << 20, 16L << 20, 3, 100, 2, 1_000, 500, 64, 16L << 20, 1_000, 1_000);
  static final Profile FULL =
      new Profile(
          "full",
          2,
          1L << 30,
          128L << 20,
          5,
          2_000,
          16,
          10_000,
          10_000,
          64,
          32L << 20,
          10_000,
          10_000);

  private final Profile profile;
  private final Set<String> only;
  private final Path out;
  private final Path distribution;
  private final Path shm;
  private final Path keyStore;
  private final Trials trials;
  private final List<Outcome> outcomes = new ArrayList<>();
  private final Map<String, Object> limits = new LinkedHashMap<>();

  private Bench(Map<String, String> options) throws IOException {
    this.profile = options.getOrDefault("profile", "quick").equals("full") ? FULL : QUICK;
    this.only = ids(options.getOrDefault("only", ""));
    this.out = Files.createDirectories(Path.of(options.getOrDefault("out", "target/bench")));
    this.distribution = Path.of(options.getOrDefault("distribution", "cli/target/stowage"));
    this.shm =
        Files.createDirectories(
            Path.of("/dev/shm", "stowage-bench-" + ProcessHandle.current().pid()));
    this.keyStore = keyStore(shm.resolve("bench.p12"));
    this.trials =
        new Trials(
            out,
            ids(options.getOrDefault("jfr", "")),
            List.of(
                "-Djavax.net.ssl.trustStore=" + keyStore,
                "-Djavax.net.ssl.trustStoreType=PKCS12",
                "-Djavax.net.ssl.trustStorePassword=" + KEY_STORE_PASSWORD));
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      if (!arg.startsWith("--") || eq < 0) {
        System.err.println(
            "usage: Bench --profile=quick|full [--only=B1,B3] [--jfr=B1] [--out=DIR]");
        System.exit(2);
      }
      options.put(arg.substring(2, eq), arg.substring(eq + 1));
    }
    String problem = problem(options);
    if (problem != null) {
      System.err.println(problem);
      System.exit(2);
    }
    long start = System.nanoTime();
    Bench bench = new Bench(options);
    try {
      bench.run();
    } finally {
      bench.deleteSources();
    }
    Report.write(bench.out, bench.profile.name(), bench.limits, bench.outcomes, start);
  }

  private static final Set<String> OPTIONS =
      Set.of("profile", "only", "jfr", "out", "distribution");
  private static final Set<String> SCENARIOS =
      Set.of("B1", "B2", "B3", "B4", "B5", "B6", "B7", "B8", "B9", "B10", "B11", "B12", "B13");

  /** What is wrong with the options, before anything runs; null if nothing. */
  private static String problem(Map<String, String> options) {
    for (String name : options.keySet()) {
      if (!OPTIONS.contains(name)) {
        return "unknown option --" + name + "; the options are " + new java.util.TreeSet<>(OPTIONS);
      }
    }
    String profile = options.getOrDefault("profile", "quick");
    if (!profile.equals("quick") && !profile.equals("full")) {
      return "--profile must be quick or full, not '" + profile + "'";
    }
    for (String option : List.of("only", "jfr")) {
      for (String id : ids(options.getOrDefault(option, ""))) {
        if (!SCENARIOS.contains(id)) {
          return "--" + option + " names no scenario '" + id + "'; the scenarios are B1 to B13";
        }
      }
    }
    return null;
  }

  private void run() throws Exception {
    Path source = randomFile("source.bin", profile.size());
    Path warm = randomFile("warm.bin", profile.warmSize());
    Map<String, Object> files = Map.of("file", source, "warmFile", warm);
    calibrate();
    if (wanted("B1", "B2", "B3", "B4", "B5", "B6", "B10", "B11", "B13")) {
      try (ServerProcess s3 =
          new ServerProcess(
              "s3",
              List.of("s3", keyStore.toString(), KEY_STORE_PASSWORD),
              out.resolve("logs/server-s3.log"))) {
        warmServer(s3, "transfer-manager", files);
        nullClient(s3);
        if (wanted("B1")) {
          b1(s3, files);
        }
        if (wanted("B2")) {
          b2(s3, files);
        }
        if (wanted("B3")) {
          b3(s3, files);
        }
        if (wanted("B4")) {
          b4(s3);
        }
        if (wanted("B5")) {
          b5(s3);
        }
        if (wanted("B6")) {
          b6(s3);
        }
        if (wanted("B10")) {
          b10(s3);
        }
        if (wanted("B11")) {
          b11(s3);
        }
        if (wanted("B13")) {
          b13(s3);
        }
      }
    }
    if (wanted("B7")) {
      b7(files);
    }
    if (wanted("B12")) {
      b12(files);
    }
    if (wanted("B8")) {
      try (ServerProcess oss =
          new ServerProcess("oss", List.of("oss"), out.resolve("logs/server-oss.log"))) {
        warmServer(oss, "oss-upload-file", files);
        b8(oss, files);
      }
    }
    if (wanted("B9")) {
      b9();
    }
  }

  /** The machine's limits: loopback sockets and the hashing kernels. */
  private void calibrate() throws IOException {
    List<Map<String, Object>> loopback = new ArrayList<>();
    for (int i = 0; i < profile.limitRuns(); i++) {
      loopback.add(trials.run("L0", "loopback", null, Map.of("size", calibrationBytes())));
    }
    limits.put("loopbackMiBps", medianOf(loopback, Trials::mibPerSecond));
    Map<String, Object> kernels =
        trials.run("L0", "kernels", null, Map.of("size", calibrationBytes()));
    limits.put("kernelsMiBps", kernels.get("kernelsMiBps"));
  }

  private long calibrationBytes() {
    return Math.min(1L << 30, 4 * profile.size());
  }

  /** Throwaway uploads by each client, so that the server's JIT is as warm for both peers. */
  private void warmServer(ServerProcess server, String peer, Map<String, Object> files)
      throws IOException {
    String scenario = server.kind().equals("oss") ? "B8" : "B1";
    for (int round = 0; round < Math.max(1, profile.limitRuns() - 1); round++) {
      trials.run(scenario, Works.STOWAGE, server, files);
      trials.run(scenario, peer, server, files);
    }
  }

  /** The server's ceiling: raw PUTs of 8 MiB, the same bytes the uploads send. */
  private void nullClient(ServerProcess s3) throws IOException {
    List<Map<String, Object>> puts = new ArrayList<>();
    for (int i = 0; i < profile.limitRuns(); i++) {
      puts.add(trials.run("L0", "null-put", s3, Map.of("size", profile.size())));
    }
    limits.put("nullPutMiBps", medianOf(puts, Trials::mibPerSecond));
  }

  private void b1(ServerProcess s3, Map<String, Object> files) throws IOException {
    List<Trials.Pair> pairs = paired("B1", "transfer-manager", s3, files);
    List<Double> ratios = throughputRatios(pairs);
    double cpu = median(Outcome.ratios(pairs, (a, b) -> cpuPerGib(a) / cpuPerGib(b)));
    double ofNull = medianOf(stowage(pairs), Trials::mibPerSecond) / number(limits, "nullPutMiBps");
    Outcome.Goals goals =
        throughputGoal(ratios, 1.3, 1.1)
            .check("≤ 0.6x client CPU-s/GiB", cpu <= 0.6, format(cpu))
            .check("≥ 0.6 of the null client", ofNull >= 0.6, format(ofNull))
            .check(
                "requests = 1 + parts + 1",
                exactWrites(pairs, S3_WRITES, parts() + 2),
                writes(pairs, S3_WRITES) + " for " + parts() + " parts");
    add(
        "B1",
        size() + " file upload to S3Proxy",
        "S3TransferManager.uploadFile",
        pairs,
        ratios,
        goals);
  }

  private void b2(ServerProcess s3, Map<String, Object> files) throws IOException {
    List<Trials.Pair> pairs = paired("B2", "transfer-manager", s3, files);
    List<Double> ratios = throughputRatios(pairs);
    double memory = memoryRatio(pairs);
    double highWater = medianOf(stowage(pairs), r -> number(r, "enginePeakBufferedBytes"));
    Outcome.Goals goals =
        throughputGoal(ratios, 1.2, 1.05)
            .check("≤ 0.5x peak memory (RSS)", memory <= 0.5, format(memory))
            .note(liveHeap(pairs))
            .check(
                "engine high-water ≤ budget",
                highWater <= 128 * MIB,
                String.format("%.0f MiB of 128 MiB", highWater / MIB))
            .check(
                "requests = 1 + parts + 1",
                exactWrites(pairs, S3_WRITES, parts() + 2),
                writes(pairs, S3_WRITES) + " for " + parts() + " parts");
    add(
        "B2",
        size() + " stream of unknown length to S3Proxy",
        "S3TransferManager.upload, blocking input stream, 32 MiB buffer",
        pairs,
        ratios,
        goals);
  }

  private void b3(ServerProcess s3, Map<String, Object> files) throws IOException {
    Map<String, Object> args = new LinkedHashMap<>(files);
    args.put("key", "b3/object");
    args.put("warmKey", "b3/warm");
    args.put("out", shm.resolve("download.bin"));
    trials.run("B3", "setup", s3, args);
    List<Map<String, Object>> gets = new ArrayList<>();
    for (int i = 0; i < profile.limitRuns(); i++) {
      gets.add(
          trials.run(
              "B3",
              "null-get",
              s3,
              Map.of(
                  "key",
                  "b3/object",
                  "size",
                  profile.size(),
                  "warmKey",
                  "b3/warm",
                  "warmSize",
                  profile.warmSize())));
    }
    limits.put("nullRangedGetMiBps", medianOf(gets, Trials::mibPerSecond));
    List<Trials.Pair> pairs = paired("B3", "single-get", s3, args);
    List<Double> ratios = throughputRatios(pairs);
    double ofNull =
        medianOf(stowage(pairs), Trials::mibPerSecond) / number(limits, "nullRangedGetMiBps");
    Outcome.Goals goals =
        new Outcome.Goals()
            .check("≥ 2x a single GET", median(ratios) >= 2, format(median(ratios)))
            .check("≥ 0.6 of the null client's ranged GETs", ofNull >= 0.6, format(ofNull));
    add(
        "B3",
        size() + " parallel ranged download from S3Proxy",
        "one GET (AWS SDK async client, CRC check on)",
        pairs,
        ratios,
        goals);
  }

  private void b4(ServerProcess s3) throws IOException {
    Path tree = tree("tree", profile.smallFiles(), profile.largeFiles());
    Path warmTree = tree("warm-tree", 100, 1);
    Map<String, Object> args = Map.of("dir", tree, "warmDir", warmTree);
    List<Trials.Pair> pairs = paired("B4", "transfer-manager", s3, args);
    List<Double> ratios = throughputRatios(pairs);
    long expected = profile.smallFiles() + profile.largeFiles() * (1 + 4 + 1L);
    Outcome.Goals goals =
        throughputGoal(ratios, 1.2)
            .check(
                "requests = files + parts exactly",
                exactWrites(pairs, S3_WRITES, expected),
                writes(pairs, S3_WRITES) + ", expected " + expected)
            .note("small-file p50/p99: not measured (no per-request timing in this bench yet)");
    add(
        "B4",
        profile.smallFiles() + " x 64 KiB + " + profile.largeFiles() + " x 32 MiB files",
        "S3TransferManager.uploadDirectory",
        pairs,
        ratios,
        goals);
  }

  private void b5(ServerProcess s3) throws IOException {
    Map<String, Object> args = Map.of("keys", profile.deleteKeys());
    List<Trials.Pair> pairs = paired("B5", "sdk-batches", s3, args);
    List<Double> ratios = Outcome.ratios(pairs, (a, b) -> seconds(a) / seconds(b));
    long batches = (profile.deleteKeys() + 999) / 1000;
    Outcome.Goals goals =
        new Outcome.Goals()
            .check(
                "exactly one request per 1,000 keys",
                exactWrites(pairs, Set.of("removeBlobs", "removeBlob"), batches),
                writes(pairs, Set.of("removeBlobs", "removeBlob")) + ", expected " + batches)
            .check(
                "≤ 1.2x the time of " + batches + " single batches",
                median(ratios) <= 1.2,
                format(median(ratios)));
    add(
        "B5",
        "delete " + profile.deleteKeys() + " keys",
        batches + " DeleteObjects of 1,000 keys, one after another (AWS SDK)",
        pairs,
        ratios,
        goals,
        "time, Stowage / peer (lower is better)");
  }

  /**
   * B11: many tiny files, where the time goes to requests rather than bytes; each side reports the
   * time of every file from its own start to its end (the engine's transfer duration; the transfer
   * manager's listener, from the file's initiation).
   */
  private void b11(ServerProcess s3) throws IOException {
    int files = profile.tinyFiles();
    Path tree = smallTree("tiny-tree", files, 4096, "bin");
    Path warmTree = smallTree("tiny-warm-tree", 200, 4096, "bin");
    Map<String, Object> args = Map.of("dir", tree, "warmDir", warmTree);
    List<Trials.Pair> pairs = paired("B11", "transfer-manager", s3, args);
    List<Double> ratios = throughputRatios(pairs);
    Outcome.Goals goals =
        throughputGoal(ratios, 1.5)
            .check(
                "requests = files exactly",
                exactWrites(pairs, S3_WRITES, files),
                writes(pairs, S3_WRITES) + ", expected " + files)
            .note(
                String.format(
                    "per-file p50/p99: Stowage %.1f/%.1f ms, transfer manager %.1f/%.1f ms"
                        + " (medians over trials)",
                    medianOf(stowage(pairs), r -> number(r, "p50Ms")),
                    medianOf(stowage(pairs), r -> number(r, "p99Ms")),
                    medianOf(peers(pairs), r -> number(r, "p50Ms")),
                    medianOf(peers(pairs), r -> number(r, "p99Ms"))));
    add(
        "B11",
        files + " files of 4 KiB to S3Proxy",
        "S3TransferManager.uploadDirectory",
        pairs,
        ratios,
        goals);
  }

  /**
   * B13: a sync of an unchanged tree, against the two listings it cannot do without (the local tree
   * and the prefix, as {@code ls -r} lists them): the ideal is one LIST page per 1,000 keys on the
   * server, no HEAD and no PUT.
   */
  private void b13(ServerProcess s3) throws IOException {
    int files = profile.syncFiles();
    Path tree = smallTree("sync-tree", files, 1024, "db");
    Map<String, Object> args = Map.of("dir", tree, "keyPrefix", "b13/tree/");
    trials.run("B13", "setup", s3, args);
    List<Trials.Pair> pairs = paired("B13", "two-listings", s3, args);
    List<Double> ratios = Outcome.ratios(pairs, (a, b) -> seconds(a) / seconds(b));
    long pages = (files + 999) / 1000;
    Set<String> heads = Set.of("blobMetadata", "blobMetadataIfPresent");
    Set<String> lists = Set.of("list", "listV1");
    Outcome.Goals goals =
        new Outcome.Goals()
            .check(
                "one LIST page per 1,000 keys",
                exactWrites(pairs, lists, pages),
                writes(pairs, lists) + ", expected " + pages)
            .check("no PUT", exactWrites(pairs, S3_WRITES, 0), writes(pairs, S3_WRITES))
            .check("no HEAD", exactWrites(pairs, heads, 0), writes(pairs, heads))
            .check("≤ 1.2x two listings", median(ratios) <= 1.2, format(median(ratios)));
    add(
        "B13",
        "sync of an unchanged " + files + "-file tree to S3Proxy",
        "the two listings, ls -r of the tree and of the prefix",
        pairs,
        ratios,
        goals,
        "time, Stowage / peer (lower is better)");
  }

  /** A tree of small files of random bytes in 20 folders, named {@code N.SUFFIX}. */
  private Path smallTree(String name, int files, int fileSize, String suffix) throws IOException {
    Path root = Files.createDirectories(shm.resolve(name));
    byte[] bytes = new byte[fileSize];
    SplittableRandom random = new SplittableRandom(files);
    for (int i = 0; i < files; i++) {
      random.nextBytes(bytes);
      Path file = root.resolve((i % 20) + "/" + i + "." + suffix);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
    }
    return root;
  }

  private void b6(ServerProcess s3) throws IOException {
    int keys = profile.statKeys();
    Map<String, Object> args = Map.of("keys", keys, "keyPrefix", "b6/stat/");
    trials.run("B6", "setup", s3, args);
    List<Map<String, Object>> raw = new ArrayList<>();
    for (int i = 0; i < profile.limitRuns(); i++) {
      raw.add(trials.run("B6", "null-head", s3, args));
    }
    double rawR0 = keys / medianOf(raw, Trials::seconds);
    limits.put("rawHeadsPerSecond", rawR0);
    long latency = 20;
    double latencyBound = keys * latency / 1000.0 / 50;
    List<Trials.Pair> pairs =
        trials.pairs(
            profile.pairs(),
            () -> {
              s3.headLatency(latency);
              return trials.run("B6", Works.STOWAGE, s3, args);
            },
            () -> {
              s3.headLatency(0);
              return trials.run("B6", "stowage-no-latency", s3, args);
            });
    s3.headLatency(0);
    List<Double> ratios =
        Outcome.ratios(pairs, (a, b) -> seconds(a) / Math.max(latencyBound, seconds(b)));
    double r0 = keys / medianOf(peers(pairs), Trials::seconds);
    limits.put("stowageHeadsPerSecondR0", r0);
    double seconds = medianOf(stowage(pairs), Trials::seconds);
    double ofRaw = seconds / Math.max(latencyBound, keys / rawR0);
    double inFlight =
        stowage(pairs).stream()
            .mapToDouble(r -> number(serverCounts(r), "maxHeadsInFlight"))
            .max()
            .orElse(Double.NaN);
    Outcome.Goals goals =
        new Outcome.Goals()
            .check(
                "≤ 1.15 x max(N x latency / 50, N / R0), R0 of Stowage's own stats",
                median(ratios) <= 1.15,
                format(median(ratios)))
            .check(
                "≤ 1.15 x max(N x latency / 50, N / R0), R0 of raw HEADs",
                ofRaw <= 1.15,
                format(ofRaw))
            .check("≤ 50 HEADs in flight", inFlight <= 50, String.format("%.0f", inFlight))
            .note(
                String.format(
                    "R0 %.0f/s (Stowage), %.0f/s (raw); client CPU %.2f ms per stat; heap peak"
                        + " above baseline %.1f MiB; sequential HEADs would take %.0f s",
                    r0,
                    rawR0,
                    1000 * medianOf(stowage(pairs), r -> number(r, "cpuSeconds")) / keys,
                    medianOf(stowage(pairs), r -> number(r, "heapPeakAboveBaseline")) / MIB,
                    keys * latency / 1000.0));
    add(
        "B6",
        "stat " + keys + " keys, " + latency + " ms per HEAD, 50 in flight",
        "the bound max(N x latency / 50, N / R0); R0 from the same stats at no latency, paired",
        pairs,
        ratios,
        goals,
        "time / bound (lower is better)");
  }

  private void b7(Map<String, Object> files) throws IOException {
    Path target = Files.createDirectories(out.resolve("fs"));
    Map<String, Object> args = new LinkedHashMap<>(files);
    args.put("endpoint", target.toUri().toString());
    List<Trials.Pair> pairs = paired("B7", "cp-sync", null, args);
    List<Double> ratios = throughputRatios(pairs);
    Outcome.Goals goals = throughputGoal(ratios, 0.9);
    add(
        "B7",
        size() + " file copy into the filesystem store, verified",
        "cp src dst && sync",
        pairs,
        ratios,
        goals);
  }

  /**
   * B12: the object B7 writes, downloaded from the filesystem store to a file on the same disk,
   * verified, against {@code cp} of the object's file and {@code sync}.
   */
  private void b12(Map<String, Object> files) throws IOException {
    Path root = Files.createDirectories(out.resolve("fs"));
    Map<String, Object> args = new LinkedHashMap<>(files);
    args.put("endpoint", root.toUri().toString());
    args.put("key", "b12/object");
    args.put("warmKey", "b12/warm");
    args.put("out", Files.createDirectories(out.resolve("fs-out")).resolve("download.bin"));
    trials.run("B12", "setup", null, args);
    List<Trials.Pair> pairs = paired("B12", "cp-sync", null, args);
    List<Double> ratios = throughputRatios(pairs);
    add(
        "B12",
        size() + " download from the filesystem store, verified",
        "cp object dst && sync",
        pairs,
        ratios,
        throughputGoal(ratios, 0.9));
  }

  private void b8(ServerProcess oss, Map<String, Object> files) throws IOException {
    List<Trials.Pair> pairs = paired("B8", "oss-upload-file", oss, files);
    List<Double> ratios = throughputRatios(pairs);
    double memory = memoryRatio(pairs);
    double cpu = median(Outcome.ratios(pairs, (a, b) -> cpuPerGib(a) / cpuPerGib(b)));
    Outcome.Goals goals =
        throughputGoal(ratios, 1.2)
            .check("≤ 0.5x peak memory (RSS)", memory <= 0.5, format(memory))
            .note(liveHeap(pairs))
            .check("≤ 0.8x client CPU-s/GiB", cpu <= 0.8, format(cpu))
            .check(
                "requests = 1 + parts + 1",
                exactWrites(pairs, OSS_WRITES, parts() + 2),
                writes(pairs, OSS_WRITES) + " for " + parts() + " parts");
    add(
        "B8",
        size() + " file upload to oss-server",
        "OSS SDK uploadFile, 8 MiB parts, 8 tasks, no checkpoint",
        pairs,
        ratios,
        goals);
  }

  private void b10(ServerProcess s3) throws IOException {
    Map<String, Object> args =
        Map.of("streams", profile.streams(), "streamSize", profile.streamSize());
    List<String> flags =
        List.of("-Xms128m", "-Xmx384m", "-XX:+UseParallelGC", "-XX:+ExitOnOutOfMemoryError");
    Map<String, Object> stowage = trials.run("B10", Works.STOWAGE, s3, args, flags);
    Map<String, Object> peer = trials.run("B10", "transfer-manager", s3, args, flags);
    List<Trials.Pair> pairs = List.of(new Trials.Pair(stowage, peer, true));
    double highWater = number(stowage, "enginePeakBufferedBytes");
    Outcome.Goals goals =
        new Outcome.Goals()
            .check("no OutOfMemoryError", !failed(stowage), failed(stowage) ? "failed" : "none")
            .check(
                "peak part buffers ≤ budget + 10%",
                highWater <= 1.1 * 128 * MIB, String.format("%.0f MiB of 128 MiB", highWater / MIB))
            .note(
                "the transfer manager: "
                    + (failed(peer) ? "failed: " + peer.get("error") : "completed"));
    List<Double> ratios =
        failed(stowage) || failed(peer)
            ? List.of()
            : List.of(mibPerSecond(stowage) / mibPerSecond(peer));
    add(
        "B10",
        profile.streams()
            + " concurrent "
            + (profile.streamSize() >> 20)
            + " MiB streams, 128 MiB budget, -Xmx384m",
        "S3TransferManager at the same settings",
        pairs,
        ratios,
        goals);
  }

  /** Start-up: {@code stowage --version} against {@code java -version}; one pair per round. */
  private void b9() throws IOException {
    Path command = distribution.resolve("bin/stowage");
    if (!Files.isExecutable(command)) {
      System.out.println("B9   skipped: no distribution at " + distribution);
      return;
    }
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path small = shm.resolve("small.txt");
    Files.writeString(small, "hello");
    List<Trials.Pair> pairs = new ArrayList<>();
    List<Double> stats = new ArrayList<>();
    for (int i = 0; i < profile.limitRuns(); i++) {
      time(command.toString(), "--version");
      time(java.toString(), "-version");
    }
    for (int i = 0; i < profile.pairs(); i++) {
      double stowage = time(command.toString(), "--version");
      double peer = time(java.toString(), "-version");
      stats.add(time(command.toString(), "stat", small.toUri().toString()));
      pairs.add(new Trials.Pair(Map.of("seconds", stowage), Map.of("seconds", peer), true));
      System.out.printf("B9   --version %.3f s  java -version %.3f s%n", stowage, peer);
    }
    List<Double> ratios = Outcome.ratios(pairs, (a, b) -> seconds(a) / seconds(b));
    double javaVersion = medianOf(peers(pairs), Trials::seconds);
    double statRatio = median(stats) / javaVersion;
    Outcome.Goals goals =
        new Outcome.Goals()
            .check(
                "stowage --version ≤ 3x java -version", median(ratios) <= 3, format(median(ratios)))
            .check("stowage stat of a local file ≤ 4x", statRatio <= 4, format(statRatio))
            .note(
                String.format(
                    "stowage --version %.0f ms, java -version %.0f ms, stowage stat of a local file"
                        + " %.0f ms (medians)",
                    1000 * medianOf(stowage(pairs), Trials::seconds),
                    1000 * javaVersion,
                    1000 * median(stats)));
    add("B9", "stowage --version", "java -version", pairs, ratios, goals, "time, Stowage / peer");
  }

  private static double time(String... command) throws IOException {
    long start = System.nanoTime();
    try {
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (process.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " exited with " + process.exitValue());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private void add(
      String id,
      String work,
      String peer,
      List<Trials.Pair> pairs,
      List<Double> ratios,
      Outcome.Goals goals)
      throws IOException {
    add(id, work, peer, pairs, ratios, goals, "throughput, Stowage / peer");
  }

  private void add(
      String id,
      String work,
      String peer,
      List<Trials.Pair> pairs,
      List<Double> ratios,
      Outcome.Goals goals,
      String ratio)
      throws IOException {
    double[] interval = Stats.interval(ratios);
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("stowage", figures(stowage(pairs)));
    figures.put("peer", figures(peers(pairs)));
    long failed = pairs.stream().filter(pair -> failed(pair.stowage())).count();
    if (failed > 0) {
      goals.check("every Stowage trial completed", false, failed + " failed");
    }
    Outcome outcome =
        new Outcome(
            id,
            work,
            peer,
            ratio,
            median(ratios),
            interval[0],
            interval[1],
            goals.lines(),
            goals.met(),
            figures,
            pairs);
    outcomes.add(outcome);
    System.out.printf(
        "%-4s ratio %s [%s, %s]  %s%n",
        id,
        format(outcome.median()),
        format(interval[0]),
        format(interval[1]),
        String.join("; ", outcome.goals()));
    Report.write(out, profile.name(), limits, outcomes, 0);
  }

  private List<Trials.Pair> paired(
      String id, String peer, ServerProcess server, Map<String, Object> args) throws IOException {
    return trials.pairs(
        profile.pairs(),
        () -> trials.run(id, Works.STOWAGE, server, args),
        () -> trials.run(id, peer, server, args));
  }

  /** A throughput goal whose 95% interval's lower bound must also reach {@code lowerBound}. */
  private static Outcome.Goals throughputGoal(List<Double> ratios, double goal, double lowerBound) {
    double low = Stats.interval(ratios)[0];
    return throughputGoal(ratios, goal)
        .check("interval's lower bound ≥ " + lowerBound + "x", low >= lowerBound, format(low));
  }

  private static Outcome.Goals throughputGoal(List<Double> ratios, double goal) {
    double median = median(ratios);
    return new Outcome.Goals().check("≥ " + goal + "x throughput", median >= goal, format(median));
  }

  private static List<Double> throughputRatios(List<Trials.Pair> pairs) {
    return Outcome.ratios(pairs, (a, b) -> mibPerSecond(a) / mibPerSecond(b));
  }

  private static double memoryRatio(List<Trials.Pair> pairs) {
    return median(Outcome.ratios(pairs, (a, b) -> rssMiB(a) / rssMiB(b)));
  }

  private long parts() {
    return (profile.size() + TrialSettings.PART_SIZE - 1) / TrialSettings.PART_SIZE;
  }

  private static String liveHeap(List<Trials.Pair> pairs) {
    return "largest heap after a GC (0: no GC ran): "
        + String.format(
            "%.0f MiB vs %.0f MiB",
            medianOf(stowage(pairs), r -> number(r, "heapAfterGcPeak")) / MIB,
            medianOf(peers(pairs), r -> number(r, "heapAfterGcPeak")) / MIB);
  }

  private static Map<String, Object> figures(List<Map<String, Object>> runs) {
    List<Map<String, Object>> done = runs.stream().filter(r -> !failed(r)).toList();
    Map<String, Object> figures = new LinkedHashMap<>();
    figures.put("trials", runs.size());
    figures.put("failed", runs.size() - done.size());
    if (done.isEmpty()) {
      return figures;
    }
    if (number(done.get(0), "bytes") > 0) {
      figures.put("MiBps", medianOf(done, Trials::mibPerSecond));
      figures.put("cpuSecondsPerGiB", medianOf(done, Trials::cpuPerGib));
      figures.put(
          "kernelCpuSecondsPerGiB",
          medianOf(done, r -> number(r, "kernelCpuSeconds") / (number(r, "bytes") / GIB)));
      figures.put(
          "serverCpuSecondsPerGiB",
          medianOf(done, r -> number(serverCounts(r), "cpuSeconds") / (number(r, "bytes") / GIB)));
    }
    figures.put("seconds", medianOf(done, Trials::seconds));
    figures.put("rssPeakMiB", medianOf(done, Trials::rssMiB));
    figures.put("heapPeakMiB", medianOf(done, r -> number(r, "heapPeakAboveBaseline") / MIB));
    figures.put("heapAfterGcPeakMiB", medianOf(done, r -> number(r, "heapAfterGcPeak") / MIB));
    figures.put(
        "serverRequests",
        serverRequests(done.get(done.size() - 1), S3_REQUESTS)
            + serverRequests(done.get(done.size() - 1), Set.copyOf(ossOperations())));
    figures.put("serverCounts", serverCounts(done.get(done.size() - 1)));
    return figures;
  }

  private static List<String> ossOperations() {
    return Arrays.stream(dev.stowage.oss.server.OssOperation.values()).map(Enum::name).toList();
  }

  private static boolean exactWrites(
      List<Trials.Pair> pairs, Set<String> operations, long expected) {
    return pairs.stream()
        .map(Trials.Pair::stowage)
        .filter(r -> !failed(r))
        .allMatch(r -> serverRequests(r, operations) == expected);
  }

  private static String writes(List<Trials.Pair> pairs, Set<String> operations) {
    return pairs.stream()
        .map(Trials.Pair::stowage)
        .filter(r -> !failed(r))
        .map(r -> String.valueOf(serverRequests(r, operations)))
        .distinct()
        .collect(Collectors.joining("/", "", " requests"));
  }

  private static List<Map<String, Object>> stowage(List<Trials.Pair> pairs) {
    return pairs.stream().map(Trials.Pair::stowage).toList();
  }

  private static List<Map<String, Object>> peers(List<Trials.Pair> pairs) {
    return pairs.stream().map(Trials.Pair::peer).toList();
  }

  private static double medianOf(
      List<Map<String, Object>> runs, ToDoubleFunction<Map<String, Object>> figure) {
    return median(runs.stream().filter(r -> !failed(r)).map(figure::applyAsDouble).toList());
  }

  private static double median(List<Double> values) {
    return Stats.median(values);
  }

  static String format(double value) {
    return Double.isNaN(value) ? "n/a" : String.format("%.2f", value);
  }

  private String size() {
    return profile.size() >= 1L << 30
        ? (profile.size() >> 30) + " GiB"
        : (profile.size() >> 20) + " MiB";
  }

  private boolean wanted(String... ids) {
    return only.isEmpty() || Arrays.stream(ids).anyMatch(only::contains);
  }

  private static Set<String> ids(String list) {
    return Arrays.stream(list.split(","))
        .map(String::trim)
        .filter(id -> !id.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }

  /** A self-signed key for 127.0.0.1 that S3Proxy serves and every trial JVM trusts. */
  private static Path keyStore(Path file) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    try {
      Process process =
          new ProcessBuilder(
                  keytool.toString(),
                  "-genkeypair",
                  "-alias",
                  "bench",
                  "-keyalg",
                  "EC",
                  "-groupname",
                  "secp256r1",
                  "-dname",
                  "CN=127.0.0.1",
                  "-ext",
                  "SAN=ip:127.0.0.1",
                  "-validity",
                  "7",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  file.toString(),
                  "-storepass",
                  KEY_STORE_PASSWORD,
                  "-keypass",
                  KEY_STORE_PASSWORD)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (process.waitFor() != 0) {
        throw new IOException("keytool exited with " + process.exitValue());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return file;
  }

  private Path randomFile(String name, long size) throws IOException {
    Path file = shm.resolve(name);
    byte[] block = new byte[1 << 20];
    SplittableRandom random = new SplittableRandom(size);
    try (OutputStream out = Files.newOutputStream(file)) {
      for (long written = 0; written < size; written += block.length) {
        random.nextBytes(block);
        out.write(block, 0, (int) Math.min(block.length, size - written));
      }
    }
    return file;
  }

  private Path tree(String name, int small, int large) throws IOException {
    Path root = Files.createDirectories(shm.resolve(name));
    SplittableRandom random = new SplittableRandom(small);
    byte[] smallBytes = new byte[64 << 10];
    for (int i = 0; i < small; i++) {
      random.nextBytes(smallBytes);
      Path file = root.resolve("small/" + (i % 20) + "/" + i + ".bin");
      Files.createDirectories(file.getParent());
      Files.write(file, smallBytes);
    }
    byte[] block = new byte[1 << 20];
    for (int i = 0; i < large; i++) {
      Path file = Files.createDirectories(root.resolve("large")).resolve(i + ".bin");
      try (OutputStream out = Files.newOutputStream(file)) {
        for (int m = 0; m < 32; m++) {
          random.nextBytes(block);
          out.write(block);
        }
      }
    }
    return root;
  }

  private void deleteSources() throws IOException {
    try (Stream<Path> paths = Files.walk(shm)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
