package dev.stowage.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.engine.internal.Listings;
import dev.stowage.hadoop.StowageFileSystem;
import dev.stowage.oss.server.OssServer;
import dev.stowage.testing.OssServerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code local[2]} Spark job that writes Parquet through {@code stowage+oss://} to oss-server and
 * reads it back, the way a user's job runs with the adapter on its class path.
 */
class SparkParquetTest {
  private static final long ROWS = 100_000;

  @TempDir static Path temp;
  private static OssServer oss;
  private static SparkSession spark;

  @BeforeAll
  static void start() throws IOException {
    oss = OssServer.builder().build().start();
    oss.createBucket("lake");
    SparkSession.Builder builder =
        SparkSession.builder()
            .master("local[2]")
            .appName("stowage-spark-test")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .config("spark.local.dir", temp.resolve("spark").toString())
            .config("spark.hadoop.fs.stowage+oss.impl", StowageFileSystem.class.getName());
    for (Map.Entry<String, String> option : OssServerOptions.of(oss).entrySet()) {
      builder.config("spark.hadoop.fs.stowage." + option.getKey(), option.getValue());
    }
    spark = builder.getOrCreate();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
    if (oss != null) {
      oss.close();
    }
  }

  @Test
  void writesAndReadsParquetThroughTheAdapter() {
    String table = "stowage+oss://lake/tables/events";
    Dataset<Row> events =
        spark
            .range(ROWS)
            .withColumn("day", functions.col("id").mod(7))
            .withColumn("amount", functions.col("id").multiply(3));
    events.repartition(4).write().mode(SaveMode.Overwrite).partitionBy("day").parquet(table);

    Dataset<Row> read = spark.read().parquet(table);
    assertThat(read.count()).isEqualTo(ROWS);
    assertThat(read.agg(functions.sum("amount")).first().getLong(0))
        .isEqualTo(3 * ROWS * (ROWS - 1) / 2);
    assertThat(read.where("day = 3").count()).isEqualTo(ROWS / 7 + (ROWS % 7 > 3 ? 1 : 0));
    assertThat(spark.read().parquet(table + "/day=3").count())
        .as("a partition folder read on its own")
        .isEqualTo(ROWS / 7 + (ROWS % 7 > 3 ? 1 : 0));

    try (ObjectStore store =
        Providers.load().open(StorageLocation.parse("oss://lake"), OssServerOptions.of(oss))) {
      List<String> keys =
          Listings.objects(store, ListRequest.of("tables/events/")).map(o -> o.key()).toList();
      assertThat(keys).as("what the job left in the store").contains("tables/events/_SUCCESS");
      assertThat(keys.stream().filter(k -> k.endsWith(".parquet")))
          .as("one file per partition and task at least")
          .hasSizeGreaterThanOrEqualTo(7)
          .allMatch(k -> k.matches("tables/events/day=[0-6]/part-.*"));
      assertThat(keys).noneMatch(k -> k.contains("_temporary"));
    }
  }
}
