package dev.stowage.hadoop;

import dev.stowage.engine.EngineMetrics;
import dev.stowage.engine.TransferEngine;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.hadoop.fs.statistics.IOStatistics;
import org.apache.hadoop.fs.statistics.MeanStatistic;
import org.apache.hadoop.fs.statistics.StoreStatisticNames;

/**
 * Hadoop's {@link IOStatistics} of one filesystem, read live: the operations it was asked for
 * ({@code op_open}, {@code op_rename}, …) and its engine's counters under Hadoop's names where they
 * have one ({@code store_io_request}, {@code store_io_retry}, {@code store_io_throttled}), with the
 * engine's concurrency limit as a gauge and its peak buffered bytes as a maximum.
 */
final class FileSystemStatistics implements IOStatistics {
  static final String CONCURRENCY_LIMIT = "stowage_concurrency_limit";
  static final String PEAK_BUFFERED_BYTES = "stowage_buffered_bytes";

  private final TransferEngine engine;
  private final Map<String, AtomicLong> operations = new ConcurrentHashMap<>();

  FileSystemStatistics(TransferEngine engine) {
    this.engine = engine;
  }

  /** Counts one call of an operation, such as {@link StoreStatisticNames#OP_OPEN}. */
  void called(String operation) {
    operations.computeIfAbsent(operation, name -> new AtomicLong()).incrementAndGet();
  }

  @Override
  public Map<String, Long> counters() {
    Map<String, Long> counters = new TreeMap<>();
    operations.forEach((name, count) -> counters.put(name, count.get()));
    EngineMetrics metrics = engine.metrics();
    counters.put(StoreStatisticNames.STORE_IO_REQUEST, metrics.requests());
    counters.put(StoreStatisticNames.STORE_IO_RETRY, metrics.retries());
    counters.put(StoreStatisticNames.STORE_IO_THROTTLED, metrics.throttled());
    return counters;
  }

  @Override
  public Map<String, Long> gauges() {
    return Map.of(CONCURRENCY_LIMIT, (long) engine.metrics().concurrencyLimit());
  }

  @Override
  public Map<String, Long> minimums() {
    return Map.of();
  }

  @Override
  public Map<String, Long> maximums() {
    return Map.of(PEAK_BUFFERED_BYTES, engine.metrics().peakBufferedBytes());
  }

  @Override
  public Map<String, MeanStatistic> meanStatistics() {
    return Map.of();
  }
}
