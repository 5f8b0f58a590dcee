package dev.stowage.bench;

import static dev.stowage.bench.TrialSettings.CONCURRENCY;
import static dev.stowage.bench.TrialSettings.PART_SIZE;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.async.AsyncResponseTransformer;
import software.amazon.awssdk.core.async.BlockingInputStreamAsyncRequestBody;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.transfer.s3.S3TransferManager;
import software.amazon.awssdk.transfer.s3.model.CompletedDirectoryUpload;
import software.amazon.awssdk.transfer.s3.model.Upload;
import software.amazon.awssdk.transfer.s3.model.UploadFileRequest;
import software.amazon.awssdk.transfer.s3.progress.TransferListener;

/**
 * The AWS SDK v2's side: {@link S3TransferManager} on the Java multipart {@link S3AsyncClient}
 * (Netty, 8 connections, 8 MiB parts), a single GET for downloads, and the plain client's batch
 * delete. Checksums are CRC-32C where a request can name them, as Stowage sends.
 */
final class AwsWork implements Work {
  private final TrialSettings settings;
  private final String prefix;
  private final S3AsyncClient async;
  private final S3TransferManager manager;
  private final S3Client sync;
  private List<String> doomed = List.of();

  private AwsWork(TrialSettings settings) {
    this.settings = settings;
    this.prefix = settings.scenario().toLowerCase(Locale.ROOT) + "/" + settings.side() + "/";
    URI endpoint = URI.create(settings.endpoint());
    StaticCredentialsProvider credentials =
        StaticCredentialsProvider.create(
            AwsBasicCredentials.create(BenchServer.ACCESS_KEY, BenchServer.SECRET_KEY));
    boolean multipart = !settings.side().equals("single-get");
    this.async =
        S3AsyncClient.builder()
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClientBuilder(NettyNioAsyncHttpClient.builder().maxConcurrency(CONCURRENCY))
            .multipartEnabled(multipart)
            .multipartConfiguration(
                c -> c.minimumPartSizeInBytes(PART_SIZE).thresholdInBytes(PART_SIZE))
            .build();
    this.manager = S3TransferManager.builder().s3Client(async).build();
    this.sync =
        S3Client.builder()
            .endpointOverride(endpoint)
            .forcePathStyle(true)
            .region(Region.US_EAST_1)
            .credentialsProvider(credentials)
            .httpClientBuilder(Apache5HttpClient.builder())
            .build();
  }

  static Work of(TrialSettings settings) {
    return new AwsWork(settings);
  }

  @Override
  public void setUp() {
    if (settings.scenario().equals("B5")) {
      doomed = putEmpty(settings.count("keys"), prefix + "doomed/");
    }
  }

  @Override
  public void warmUp() throws Exception {
    switch (settings.scenario()) {
      case "B1" -> uploadFile(settings.path("warmFile"), prefix + "warm");
      case "B2" -> uploadStream(settings.path("warmFile"), prefix + "warm");
      case "B3" -> download(settings.text("warmKey"), settings.path("out"));
      case "B4", "B11" -> uploadDirectory(settings.path("warmDir"), prefix + "warm/");
      case "B5" -> deleteBatches(putEmpty(100, prefix + "warm/"));
      case "B10" -> concurrentStreams(4, prefix + "warm/");
      default -> throw new IllegalArgumentException("no AWS side for " + settings.scenario());
    }
  }

  @Override
  public Map<String, Object> run() throws Exception {
    return switch (settings.scenario()) {
      case "B1" -> Map.of("bytes", uploadFile(settings.path("file"), prefix + "object"));
      case "B2" -> Map.of("bytes", uploadStream(settings.path("file"), prefix + "object"));
      case "B3" -> Map.of("bytes", download(settings.text("key"), settings.path("out")));
      case "B4" -> Map.of("bytes", uploadDirectory(settings.path("dir"), prefix + "tree/"));
      case "B11" -> timedPerFile(settings.path("dir"), prefix + "tree/");
      case "B5" -> Map.of("bytes", 0L, "keys", deleteBatches(doomed));
      case "B10" ->
          Map.of("bytes", concurrentStreams(settings.count("streams"), prefix + "stream/"));
      default -> throw new IllegalArgumentException("no AWS side for " + settings.scenario());
    };
  }

  @Override
  public void cleanUp() throws Exception {
    if (settings.scenario().equals("B3")) {
      Files.deleteIfExists(settings.path("out"));
    } else {
      deleteBatches(listKeys());
    }
  }

  @Override
  public void close() {
    manager.close();
    async.close();
    sync.close();
  }

  private long uploadFile(Path file, String key) {
    manager
        .uploadFile(
            r ->
                r.source(file)
                    .putObjectRequest(
                        p ->
                            p.bucket(BenchServer.BUCKET)
                                .key(key)
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C)))
        .completionFuture()
        .join();
    return file.toFile().length();
  }

  private long uploadStream(Path file, String key) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return uploadStream(in, key, file.toFile().length());
    }
  }

  private long uploadStream(InputStream in, String key, long length) {
    BlockingInputStreamAsyncRequestBody body = AsyncRequestBody.forBlockingInputStream(null);
    Upload upload =
        manager.upload(
            r ->
                r.requestBody(body)
                    .putObjectRequest(
                        p ->
                            p.bucket(BenchServer.BUCKET)
                                .key(key)
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32_C)));
    body.writeInputStream(in);
    upload.completionFuture().join();
    return length;
  }

  private long download(String key, Path file) throws Exception {
    Files.deleteIfExists(file);
    async
        .getObject(
            r -> r.bucket(BenchServer.BUCKET).key(key).checksumMode(ChecksumMode.ENABLED),
            AsyncResponseTransformer.toFile(file))
        .join();
    return Files.size(file);
  }

  /** A directory upload with the time of every file, from its initiation to its completion. */
  private Map<String, Object> timedPerFile(Path directory, String s3Prefix) throws Exception {
    FileLatencies perFile = new FileLatencies();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put(
        "bytes",
        uploadDirectory(
            directory,
            s3Prefix,
            file ->
                file.addTransferListener(
                    new TransferListener() {
                      private volatile long start;

                      @Override
                      public void transferInitiated(Context.TransferInitiated context) {
                        start = System.nanoTime();
                      }

                      @Override
                      public void transferComplete(Context.TransferComplete context) {
                        perFile.record(System.nanoTime() - start);
                      }
                    })));
    result.putAll(perFile.percentiles());
    return result;
  }

  private long uploadDirectory(Path directory, String s3Prefix) throws Exception {
    return uploadDirectory(directory, s3Prefix, file -> {});
  }

  private long uploadDirectory(
      Path directory, String s3Prefix, Consumer<UploadFileRequest.Builder> perFile)
      throws Exception {
    CompletedDirectoryUpload done =
        manager
            .uploadDirectory(
                r ->
                    r.source(directory)
                        .bucket(BenchServer.BUCKET)
                        .s3Prefix(s3Prefix)
                        .uploadFileRequestTransformer(perFile))
            .completionFuture()
            .join();
    if (!done.failedTransfers().isEmpty()) {
      throw new IllegalStateException(
          done.failedTransfers().size() + " files failed, first: " + done.failedTransfers().get(0));
    }
    try (var files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
  }

  private long concurrentStreams(int streams, String keyPrefix) throws Exception {
    long size = settings.number("streamSize");
    ExecutorService pool = Executors.newFixedThreadPool(streams);
    try {
      List<Future<Long>> uploads = new ArrayList<>();
      for (int i = 0; i < streams; i++) {
        String key = keyPrefix + i;
        uploads.add(pool.submit(() -> uploadStream(new PatternStream(size), key, size)));
      }
      long bytes = Futures.sum(uploads);
      return bytes;
    } finally {
      pool.shutdown();
    }
  }

  private List<String> putEmpty(int count, String keyPrefix) {
    ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
    try {
      List<Future<?>> puts = new ArrayList<>();
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        String key = keyPrefix + i;
        keys.add(key);
        puts.add(
            pool.submit(
                () ->
                    sync.putObject(
                        r -> r.bucket(BenchServer.BUCKET).key(key), RequestBody.empty())));
      }
      for (Future<?> put : puts) {
        put.get();
      }
      return keys;
    } catch (Exception e) {
      throw new IllegalStateException("cannot make " + count + " objects", e);
    } finally {
      pool.shutdown();
    }
  }

  private List<String> listKeys() {
    return sync
        .listObjectsV2Paginator(r -> r.bucket(BenchServer.BUCKET).prefix(prefix))
        .contents()
        .stream()
        .map(S3Object::key)
        .toList();
  }

  /** One DeleteObjects request per 1,000 keys, one after another: the floor of a batch delete. */
  private int deleteBatches(List<String> keys) {
    for (int from = 0; from < keys.size(); from += 1000) {
      List<ObjectIdentifier> batch =
          keys.subList(from, Math.min(keys.size(), from + 1000)).stream()
              .map(key -> ObjectIdentifier.builder().key(key).build())
              .toList();
      var response =
          sync.deleteObjects(
              r -> r.bucket(BenchServer.BUCKET).delete(d -> d.objects(batch).quiet(true)));
      if (!response.errors().isEmpty()) {
        throw new IllegalStateException("delete failed: " + response.errors().get(0));
      }
    }
    return keys.size();
  }
}
