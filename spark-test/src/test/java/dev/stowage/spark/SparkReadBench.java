package dev.stowage.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.hadoop.StowageFileSystem;
import dev.stowage.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench of a Spark read (issue 27, point 7; not part of {@code verify}): one Parquet table on
 * one S3Proxy, read by a {@code local[2]} Spark through {@link StowageFileSystem} ({@code
 * stowage+s3://}) and through S3A ({@code s3a://}), both with their default settings, in
 * interleaved pairs after a warm-up each. A read is a full scan (count and sum of every column) and
 * a one-column sum. Prints each pair, the median ratio and the S3 requests S3Proxy served for the
 * first pair, and writes them to {@code target/spark-read-bench.txt}.
 *
 * <p>{@code ./mvnw -B -o verify -pl spark-test -Dtest=SparkReadBench -Dbench.pairs=5}
 */
class SparkReadBench {
  private static final String BUCKET = "spark-bench";
  private static final long ROWS = 8_000_000;

  @TempDir Path temp;

  /** One side's reads: their seconds, and the S3 requests S3Proxy served meanwhile, by kind. */
  private record Reads(double seconds, Map<String, Long> requests) {}

  @Test
  void readsParquetThroughStowageAndThroughS3a() throws IOException {
    int pairs = Integer.getInteger("bench.pairs", 5);
    S3ProxyServer s3 = new S3ProxyServer();
    s3.createBucket(BUCKET);
    SparkSession spark = session(s3);
    try {
      String table = "stowage+s3://" + BUCKET + "/tables/events";
      spark
          .range(ROWS)
          .withColumn("day", functions.col("id").mod(7))
          .withColumn("amount", functions.col("id").multiply(3))
          .withColumn("note", functions.concat(functions.lit("event-"), functions.col("id")))
          .repartition(8)
          .write()
          .mode(SaveMode.Overwrite)
          .parquet(table);
      String stowage = table;
      String s3a = "s3a://" + BUCKET + "/tables/events";
      read(spark, s3, stowage);
      read(spark, s3, s3a);

      List<Double> ratios = new ArrayList<>();
      StringBuilder detail = new StringBuilder();
      Reads firstStowage = null;
      Reads firstS3a = null;
      for (int pair = 0; pair < pairs; pair++) {
        Reads ours;
        Reads theirs;
        if (pair % 2 == 0) {
          ours = read(spark, s3, stowage);
          theirs = read(spark, s3, s3a);
        } else {
          theirs = read(spark, s3, s3a);
          ours = read(spark, s3, stowage);
        }
        if (pair == 0) {
          firstStowage = ours;
          firstS3a = theirs;
        }
        ratios.add(theirs.seconds() / ours.seconds());
        detail.append(
            String.format(" [stowage %.2f s, s3a %.2f s]", ours.seconds(), theirs.seconds()));
      }
      Collections.sort(ratios);
      String line =
          String.format(
              "spark read of %,d rows of Parquet (8 files): S3A time / Stowage time, median %.2fx"
                  + " (range %.2f-%.2f) over %d pairs;%s; S3 requests of the first pair:"
                  + " stowage %s, s3a %s",
              ROWS,
              ratios.get(ratios.size() / 2),
              ratios.get(0),
              ratios.get(ratios.size() - 1),
              pairs,
              detail,
              firstStowage.requests(),
              firstS3a.requests());
      System.out.println(line);
      Files.writeString(Path.of("target", "spark-read-bench.txt"), line + "\n");
    } finally {
      spark.stop();
      try {
        s3.close();
      } catch (IllegalStateException e) {
        // Spark's connection pools can hold S3Proxy's connections past its stop timeout
        System.out.println("S3Proxy did not stop in time: " + e.getMessage());
      }
    }
  }

  /** A full scan and a one-column sum, checked, timed, and their S3 requests counted. */
  private static Reads read(SparkSession spark, S3ProxyServer s3, String table) {
    Map<String, Long> before = s3.blobStoreCalls();
    long start = System.nanoTime();
    Dataset<Row> events = spark.read().parquet(table);
    Row all =
        events
            .agg(
                functions.count("id"),
                functions.sum("day"),
                functions.sum("amount"),
                functions.sum(functions.length(functions.col("note"))))
            .first();
    long amount = events.select(functions.sum("amount")).first().getLong(0);
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(all.getLong(0)).isEqualTo(ROWS);
    assertThat(amount).isEqualTo(3 * ROWS * (ROWS - 1) / 2);
    Map<String, Long> requests = s3.blobStoreCallsSince(before);
    return new Reads(seconds, requests);
  }

  private SparkSession session(S3ProxyServer s3) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .master("local[2]")
            .appName("stowage-spark-read-bench")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.local.dir", temp.resolve("spark").toString())
            .config("spark.hadoop.fs.stowage+s3.impl", StowageFileSystem.class.getName())
            .config("spark.hadoop.fs.s3a.endpoint", s3.endpoint().toString())
            .config("spark.hadoop.fs.s3a.endpoint.region", "us-east-1")
            .config("spark.hadoop.fs.s3a.path.style.access", "true")
            .config("spark.hadoop.fs.s3a.connection.ssl.enabled", "false")
            .config(
                "spark.hadoop.fs.s3a.aws.credentials.provider",
                "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider")
            .config("spark.hadoop.fs.s3a.access.key", S3ProxyServer.DEFAULT_ACCESS_KEY)
            .config("spark.hadoop.fs.s3a.secret.key", S3ProxyServer.DEFAULT_SECRET_KEY)
            .config("spark.hadoop.fs.s3a.buffer.dir", temp.resolve("s3a-buffer").toString())
            // S3A's classic stream: the analytics stream of Hadoop 3.5 keeps what it read in
            // memory across opens, so its later reads would not reach the store at all
            .config("spark.hadoop.fs.s3a.input.stream.type", "classic");
    for (Map.Entry<String, String> option : s3.options().entrySet()) {
      builder.config("spark.hadoop.fs.stowage." + option.getKey(), option.getValue());
    }
    return builder.getOrCreate();
  }
}
