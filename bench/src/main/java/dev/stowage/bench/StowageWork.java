package dev.stowage.bench;

import static dev.stowage.bench.TrialSettings.CONCURRENCY;
import static dev.stowage.bench.TrialSettings.PART_SIZE;

import dev.stowage.api.Content;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.BatchResult;
import dev.stowage.engine.DeleteReport;
import dev.stowage.engine.EngineMetrics;
import dev.stowage.engine.SyncOptions;
import dev.stowage.engine.SyncResult;
import dev.stowage.engine.TransferEngine;
import dev.stowage.engine.TransferListener;
import dev.stowage.engine.TransferProgress;
import dev.stowage.engine.TransferResult;
import dev.stowage.engine.internal.Listings;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Stowage's side of every scenario: the engine over a provider, as a user would call it. */
final class StowageWork implements Work {
  interface Step {
    Map<String, Object> apply(StowageWork work) throws Exception;
  }

  private final TrialSettings settings;
  private final FileLatencies perFile = new FileLatencies();
  private final ObjectStore store;
  private final TransferEngine engine;
  private final Step warmUp;
  private final Step run;
  private final Step setUp;
  private final Step cleanUp;

  private StowageWork(TrialSettings settings, Step setUp, Step warmUp, Step run, Step cleanUp) {
    this.settings = settings;
    this.store = open(settings);
    this.engine =
        TransferEngine.builder()
            .partSize(PART_SIZE)
            .concurrency(CONCURRENCY)
            .memoryBudget(settings.number("budget"))
            .listener(
                new TransferListener() {
                  @Override
                  public void onProgress(TransferProgress progress) {}

                  @Override
                  public void onTransferred(TransferResult result) {
                    perFile.record(result.duration().toNanos());
                  }
                })
            .build();
    this.setUp = setUp;
    this.warmUp = warmUp;
    this.run = run;
    this.cleanUp = cleanUp;
  }

  static Work of(TrialSettings s) {
    Step none = work -> Map.of();
    if (s.side().equals("setup")) {
      return new StowageWork(s, none, none, StowageWork::setUpObjects, none);
    }
    if (s.side().equals("two-listings")) {
      return new StowageWork(
          s,
          none,
          w -> w.listBoth(s.path("dir"), s.text("keyPrefix")),
          w -> w.listBoth(s.path("dir"), s.text("keyPrefix")),
          none);
    }
    String own = s.scenario().toLowerCase(Locale.ROOT) + "/stowage/";
    return switch (s.scenario()) {
      case "B1", "B7", "B8" ->
          new StowageWork(
              s,
              none,
              w -> w.uploadFile(s.path("warmFile"), own + "warm"),
              w -> w.uploadFile(s.path("file"), own + "object"),
              w -> w.deletePrefix(own));
      case "B2" ->
          new StowageWork(
              s,
              none,
              w -> w.uploadStream(s.path("warmFile"), own + "warm"),
              w -> w.uploadStream(s.path("file"), own + "object"),
              w -> w.deletePrefix(own));
      case "B3" ->
          new StowageWork(
              s,
              none,
              w -> w.download(s.text("warmKey"), s.path("out")),
              w -> w.download(s.text("key"), s.path("out")),
              w -> Map.of("deleted", Files.deleteIfExists(s.path("out"))));
      case "B4" ->
          new StowageWork(
              s,
              none,
              w -> w.uploadDirectory(s.path("warmDir"), own + "warm/"),
              w -> w.uploadDirectory(s.path("dir"), own + "tree/"),
              w -> w.deletePrefix(own));
      case "B5" ->
          new StowageWork(
              s,
              w -> Map.of("keys", w.putEmpty(s.count("keys"), own + "doomed/")),
              w -> w.deleteAll(w.putEmpty(100, own + "warm/"), own + "warm/"),
              w -> w.deleteAll(s.count("keys"), own + "doomed/"),
              none);
      case "B6" ->
          new StowageWork(
              s,
              none,
              w -> w.statAll(s.text("keyPrefix"), Math.min(s.count("keys"), 2_000)),
              w -> w.statAll(s.text("keyPrefix"), s.count("keys")),
              none);
      case "B10" ->
          new StowageWork(
              s,
              none,
              w -> w.concurrentStreams(4, own + "warm/"),
              w -> w.concurrentStreams(s.count("streams"), own + "stream/"),
              w -> w.deletePrefix(own));
      case "B11" ->
          new StowageWork(
              s,
              none,
              w -> w.uploadDirectory(s.path("warmDir"), own + "warm/"),
              w -> w.timedPerFile(() -> w.uploadDirectory(s.path("dir"), own + "tree/")),
              w -> w.deletePrefix(own));
      case "B12" ->
          new StowageWork(
              s,
              none,
              w -> w.download(s.text("warmKey"), s.path("out")),
              w -> w.download(s.text("key"), s.path("out")),
              w -> Map.of("deleted", Files.deleteIfExists(s.path("out"))));
      case "B13" ->
          new StowageWork(
              s,
              none,
              w -> w.sync(s.path("dir"), s.text("keyPrefix")),
              w -> w.sync(s.path("dir"), s.text("keyPrefix")),
              none);
      default -> throw new IllegalArgumentException("no Stowage side for " + s.scenario());
    };
  }

  @Override
  public void setUp() throws Exception {
    setUp.apply(this);
  }

  @Override
  public void warmUp() throws Exception {
    warmUp.apply(this);
  }

  @Override
  public Map<String, Object> run() throws Exception {
    Map<String, Object> result = new LinkedHashMap<>(run.apply(this));
    EngineMetrics metrics = engine.metrics();
    result.put("engineRequests", metrics.requests());
    result.put("engineRetries", metrics.retries());
    result.put("enginePeakBufferedBytes", metrics.peakBufferedBytes());
    return result;
  }

  @Override
  public void cleanUp() throws Exception {
    cleanUp.apply(this);
  }

  @Override
  public void close() {
    engine.close();
    store.close();
  }

  private static ObjectStore open(TrialSettings s) {
    String endpoint = s.endpoint();
    if (endpoint.startsWith("file:")) {
      return Providers.load().open(StorageLocation.parse(endpoint), Map.of());
    }
    if (s.text("server").equals("oss")) {
      return Providers.load()
          .open(
              StorageLocation.parse("oss://" + BenchServer.BUCKET + "/"),
              Map.of(
                  "oss.endpoint",
                  endpoint,
                  "oss.allow-insecure-http",
                  "true",
                  "oss.access-key-id",
                  BenchServer.ACCESS_KEY,
                  "oss.access-key-secret",
                  BenchServer.SECRET_KEY));
    }
    return Providers.load()
        .open(
            StorageLocation.parse("s3://" + BenchServer.BUCKET + "/"),
            Map.of(
                "s3.endpoint",
                endpoint,
                "s3.allow-insecure-http",
                "true",
                "s3.path-style",
                "true",
                "s3.region",
                "us-east-1",
                "s3.access-key-id",
                BenchServer.ACCESS_KEY,
                "s3.secret-access-key",
                BenchServer.SECRET_KEY));
  }

  private Map<String, Object> uploadFile(Path file, String key) {
    return Map.of("bytes", engine.upload(file, store, key, WriteOptions.DEFAULTS).bytes());
  }

  private Map<String, Object> uploadStream(Path file, String key) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return Map.of("bytes", engine.upload(in, store, key, WriteOptions.DEFAULTS).bytes());
    }
  }

  private Map<String, Object> download(String key, Path file) {
    return Map.of("bytes", engine.download(store, key, file).bytes());
  }

  /** Runs a batch and adds the percentiles of its files' times to its result. */
  private Map<String, Object> timedPerFile(java.util.concurrent.Callable<Map<String, Object>> batch)
      throws Exception {
    perFile.clear();
    Map<String, Object> result = new LinkedHashMap<>(batch.call());
    result.putAll(perFile.percentiles());
    return result;
  }

  private Map<String, Object> uploadDirectory(Path directory, String prefix) {
    BatchResult result = engine.uploadAll(directory, store, prefix, WriteOptions.DEFAULTS);
    if (!result.isComplete()) {
      throw new IllegalStateException("upload of " + directory + " incomplete: " + result);
    }
    return Map.of("bytes", result.bytes(), "files", result.objects());
  }

  private int putEmpty(int count, String prefix) {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      List<Future<ObjectInfo>> puts = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String key = prefix + i;
        puts.add(
            pool.submit(() -> store.put(key, Content.ofBytes(new byte[0]), WriteOptions.DEFAULTS)));
      }
      for (Future<ObjectInfo> put : puts) {
        put.get();
      }
      return count;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make " + count + " objects under " + prefix, e);
    } finally {
      pool.shutdown();
    }
  }

  private Map<String, Object> deleteAll(int count, String prefix) {
    return deleteAll(IntStream.range(0, count).mapToObj(i -> prefix + i).toList());
  }

  private Map<String, Object> statAll(String prefix, int count) {
    List<String> keys = IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    List<Optional<ObjectInfo>> found = engine.statAll(store, keys);
    long present = found.stream().filter(Optional::isPresent).count();
    if (present != count) {
      throw new IllegalStateException(present + " of " + count + " stat keys found");
    }
    return Map.of("bytes", 0L, "keys", count);
  }

  private Map<String, Object> concurrentStreams(int streams, String prefix) throws Exception {
    long size = settings.number("streamSize");
    ExecutorService pool = Executors.newFixedThreadPool(streams);
    try {
      List<Future<Long>> uploads = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        String key = prefix + i;
        uploads.add(
            pool.submit(
                () ->
                    engine
                        .upload(new PatternStream(size), store, key, WriteOptions.DEFAULTS)
                        .bytes()));
      }
      long bytes = Futures.sum(uploads);
      return Map.of("bytes", bytes, "streams", streams);
    } finally {
      pool.shutdown();
    }
  }

  private Map<String, Object> deletePrefix(String prefix) {
    List<String> keys = new ArrayList<>();
    ListRequest request = ListRequest.of(prefix);
    while (true) {
      ListPage page = store.list(request);
      page.objects().forEach(info -> keys.add(info.key()));
      if (page.nextToken().isEmpty()) {
        break;
      }
      request = request.next(page.nextToken().get());
    }
    return deleteAll(keys);
  }

  private Map<String, Object> deleteAll(List<String> keys) {
    DeleteReport report = engine.deleteAll(store, keys.stream());
    if (!report.isComplete()) {
      throw new IllegalStateException("delete incomplete: " + report);
    }
    return Map.of("bytes", 0L, "keys", keys.size());
  }

  /** The objects every trial of a scenario reads: one large object, or many empty ones. */
  /** A sync of a local tree to a prefix, which must find nothing to copy once set up. */
  private Map<String, Object> sync(Path directory, String prefix) {
    try (ObjectStore local = Providers.load().open(StorageLocation.of(directory), Map.of())) {
      SyncResult result = engine.sync(local, "", store, prefix, SyncOptions.DEFAULTS);
      if (!result.isComplete()) {
        throw new IllegalStateException("sync of " + directory + " incomplete: " + result);
      }
      return Map.of(
          "bytes", result.bytes(), "copied", result.copied(), "unchanged", result.unchanged());
    }
  }

  /** The two listings a sync reads: the local tree through its store, and the prefix. */
  private Map<String, Object> listBoth(Path directory, String prefix) {
    try (ObjectStore local = Providers.load().open(StorageLocation.of(directory), Map.of());
        Stream<ObjectInfo> mine = Listings.objects(local, ListRequest.of(""));
        Stream<ObjectInfo> theirs = Listings.objects(store, ListRequest.of(prefix))) {
      return Map.of("bytes", 0L, "local", mine.count(), "remote", theirs.count());
    }
  }

  private Map<String, Object> setUpObjects() throws Exception {
    if (settings.scenario().equals("B13")) {
      return sync(settings.path("dir"), settings.text("keyPrefix"));
    }
    if (settings.scenario().equals("B3") || settings.scenario().equals("B12")) {
      uploadFile(settings.path("file"), settings.text("key"));
      uploadFile(settings.path("warmFile"), settings.text("warmKey"));
    } else {
      putEmpty(settings.count("keys"), settings.text("keyPrefix"));
    }
    return Map.of("bytes", 0L);
  }
}
