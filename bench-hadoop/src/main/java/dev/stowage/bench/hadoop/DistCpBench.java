package dev.stowage.bench.hadoop;

import dev.stowage.hadoop.StowageFileSystem;
import dev.stowage.testing.S3ProxyServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.tools.DistCp;
import org.apache.hadoop.tools.DistCpOptions;
import org.apache.hadoop.tools.mapred.CopyMapper;

/**
 * DistCp of a local tree to S3Proxy through {@link StowageFileSystem} ({@code stowage+s3://})
 * against the same through S3A ({@code s3a://}), same JVM, same settings, same S3Proxy, in
 * interleaved pairs: 2,000 files of 64 KiB, then 16 of 64 MiB. Prints each pair and the median
 * ratio of S3A's time to Stowage's (above 1: Stowage is faster) with its range.
 *
 * <p>{@code ./mvnw -B -Pbench package -DskipTests -pl bench-hadoop -am -Dbench.pairs=5}
 */
public final class DistCpBench {
  private static final String BUCKET = "distcp-bench";

  private DistCpBench() {}

  public static void main(String[] args) throws Exception {
    int pairs = Integer.parseInt(args[0]);
    Path out = Files.createDirectories(Path.of(args[1]));
    S3ProxyServer s3 = new S3ProxyServer();
    try {
      s3.createBucket(BUCKET);
      Configuration conf = configuration(s3, out);
      List<String> lines = new ArrayList<>();
      lines.add(run("small", tree(out.resolve("small"), 2_000, 64 * 1024), s3, conf, pairs));
      System.out.println(lines.get(0));
      lines.add(run("large", tree(out.resolve("large"), 16, 64 * 1024 * 1024), s3, conf, pairs));
      System.out.println(lines.get(1));
      Files.write(out.resolve("distcp.txt"), lines);
    } finally {
      try {
        s3.close();
      } catch (IllegalStateException e) {
        // DistCp's local job threads can hold S3Proxy's connections past its stop timeout
        System.out.println("S3Proxy did not stop in time: " + e.getMessage());
      }
    }
  }

  /** One DistCp run: its seconds and the S3 requests S3Proxy served during it, by kind. */
  private record Run(double seconds, Map<String, Long> requests) {
    long total() {
      return requests.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private static String run(String name, Path tree, S3ProxyServer s3, Configuration conf, int pairs)
      throws Exception {
    String source = tree.toUri().toString();
    distCp(conf, source, "stowage+s3://" + BUCKET + "/warm-up/" + name);
    delete(conf, "stowage+s3://" + BUCKET + "/warm-up/" + name);
    distCp(conf, source, "s3a://" + BUCKET + "/warm-up-s3a/" + name);
    delete(conf, "s3a://" + BUCKET + "/warm-up-s3a/" + name);
    List<Double> ratios = new ArrayList<>();
    StringBuilder detail = new StringBuilder();
    Run firstStowage = null;
    Run firstS3a = null;
    for (int pair = 0; pair < pairs; pair++) {
      Run stowage;
      Run s3a;
      String stowageTarget = "stowage+s3://" + BUCKET + "/run-" + pair + "/" + name;
      String s3aTarget = "s3a://" + BUCKET + "/run-s3a-" + pair + "/" + name;
      if (pair % 2 == 0) {
        stowage = distCp(s3, conf, source, stowageTarget);
        s3a = distCp(s3, conf, source, s3aTarget);
      } else {
        s3a = distCp(s3, conf, source, s3aTarget);
        stowage = distCp(s3, conf, source, stowageTarget);
      }
      if (pair == 0) {
        firstStowage = stowage;
        firstS3a = s3a;
      }
      ratios.add(s3a.seconds() / stowage.seconds());
      detail.append(
          String.format(" [stowage %.1f s, s3a %.1f s]", stowage.seconds(), s3a.seconds()));
      delete(conf, stowageTarget);
      delete(conf, s3aTarget);
    }
    Collections.sort(ratios);
    return String.format(
        "%s: S3A time / Stowage time, median %.2fx (range %.2f-%.2f) over %d pairs;%s;"
            + " S3 requests of the first pair: stowage %d %s, s3a %d %s",
        name,
        ratios.get(ratios.size() / 2),
        ratios.get(0),
        ratios.get(ratios.size() - 1),
        pairs,
        detail,
        firstStowage.total(),
        firstStowage.requests(),
        firstS3a.total(),
        firstS3a.requests());
  }

  /** Runs DistCp, counting S3Proxy's requests, and fails unless every file was copied. */
  private static Run distCp(S3ProxyServer s3, Configuration conf, String from, String to)
      throws Exception {
    Map<String, Long> before = s3.blobStoreCalls();
    double seconds = distCp(conf, from, to);
    Map<String, Long> requests = s3.blobStoreCallsSince(before);
    return new Run(seconds, requests);
  }

  /** Runs DistCp and returns its seconds; fails unless every file was copied. */
  private static double distCp(Configuration conf, String from, String to) throws Exception {
    DistCpOptions options =
        new DistCpOptions.Builder(
                List.of(new org.apache.hadoop.fs.Path(URI.create(from))),
                new org.apache.hadoop.fs.Path(URI.create(to)))
            .withDirectWrite(true)
            .maxMaps(4)
            .build();
    long start = System.nanoTime();
    Job job = new DistCp(new Configuration(conf), options).execute();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (!job.isSuccessful()
        || job.getCounters().findCounter(CopyMapper.Counter.COPY).getValue() == 0) {
      throw new IllegalStateException("DistCp " + from + " -> " + to + " copied nothing");
    }
    return seconds;
  }

  private static void delete(Configuration conf, String target) throws IOException {
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(URI.create(target));
    FileSystem.get(path.toUri(), conf).delete(path, true);
  }

  private static Configuration configuration(S3ProxyServer s3, Path out) {
    Configuration conf = new Configuration();
    conf.set("mapreduce.framework.name", "local");
    conf.setInt("mapreduce.local.map.tasks.maximum", 4);
    conf.set("hadoop.tmp.dir", out.resolve("hadoop").toString());
    // DistCp's throttle sleeps per file from millisecond arithmetic: raised on both sides
    conf.set("distcp.map.bandwidth.mb", "1e13");
    conf.set("fs.stowage+s3.impl", StowageFileSystem.class.getName());
    for (Map.Entry<String, String> option : s3.options().entrySet()) {
      conf.set("fs.stowage." + option.getKey(), option.getValue());
    }
    conf.set("fs.s3a.endpoint", s3.endpoint().toString());
    conf.set("fs.s3a.endpoint.region", "us-east-1");
    conf.setBoolean("fs.s3a.path.style.access", true);
    conf.setBoolean("fs.s3a.connection.ssl.enabled", false);
    conf.set(
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    conf.set("fs.s3a.access.key", S3ProxyServer.DEFAULT_ACCESS_KEY);
    conf.set("fs.s3a.secret.key", S3ProxyServer.DEFAULT_SECRET_KEY);
    conf.set("fs.s3a.buffer.dir", out.resolve("s3a-buffer").toString());
    return conf;
  }

  private static Path tree(Path root, int files, int size) throws IOException {
    Random random = new Random(files);
    byte[] bytes = new byte[size];
    for (int i = 0; i < files; i++) {
      Path file = root.resolve("d" + (i % 20)).resolve("f" + i);
      Files.createDirectories(file.getParent());
      random.nextBytes(bytes);
      try (OutputStream stream = Files.newOutputStream(file)) {
        stream.write(bytes);
      }
    }
    return root;
  }
}
