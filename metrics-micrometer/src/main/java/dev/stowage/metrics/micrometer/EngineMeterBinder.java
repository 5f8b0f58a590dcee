package dev.stowage.metrics.micrometer;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.StorageOperation;
import dev.stowage.api.ThrottledException;
import dev.stowage.engine.EngineMetrics;
import dev.stowage.engine.RequestObserver;
import dev.stowage.engine.TransferEngine;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The meters of a {@link TransferEngine}, for any Micrometer registry. Give it to the engine's
 * builder as its {@link RequestObserver}, name the engine it watches, and bind it:
 *
 * <pre>{@code
 * EngineMeterBinder meters = new EngineMeterBinder(Tags.of("job", "nightly"));
 * TransferEngine engine = TransferEngine.builder().requestObserver(meters).build();
 * meters.watch(engine).bindTo(registry);
 * }</pre>
 *
 * <p>The meters:
 *
 * <ul>
 *   <li>{@code stowage.requests}, a timer with a percentile histogram, tagged {@code operation}
 *       ({@code upload_part}, {@code read}, ...), {@code outcome} ({@code success}, {@code
 *       throttled}, {@code failure}) and {@code exception} ({@code none} or the failure's simple
 *       class name): every attempt of every request, parts included;
 *   <li>counters {@code stowage.retries}, {@code stowage.throttled}, {@code stowage.objects},
 *       {@code stowage.objects.failed} and {@code stowage.bytes} (objects transferred and verified,
 *       and their bytes);
 *   <li>gauges {@code stowage.requests.active} and {@code stowage.requests.limit} (the bound that
 *       throttling lowers), {@code stowage.buffer.used}, {@code stowage.buffer.peak} and {@code
 *       stowage.buffer.budget} in bytes.
 * </ul>
 *
 * No meter carries a key, a location or a credential.
 */
public final class EngineMeterBinder implements MeterBinder, RequestObserver {
  private final Tags tags;
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
  private final CopyOnWriteArrayList<MeterRegistry> registries = new CopyOnWriteArrayList<>();
  private volatile TransferEngine engine;

  /** One timer of one registry; registries compare by identity. */
  private record TimerKey(
      MeterRegistry registry, StorageOperation operation, String outcome, String exception) {}

  /** Meters with no tags of their own. */
  public EngineMeterBinder() {
    this(Tags.empty());
  }

  /**
   * Meters that carry these tags besides their own, such as the job's name.
   *
   * @param tags the common tags
   */
  public EngineMeterBinder(Iterable<Tag> tags) {
    this.tags = Tags.of(requireNonNull(tags, "tags is null"));
  }

  /**
   * Names the engine whose counters and gauges the meters read; until then they read zero.
   *
   * @param engine the engine built with this as its request observer
   * @return this binder
   */
  public EngineMeterBinder watch(TransferEngine engine) {
    this.engine = requireNonNull(engine, "engine is null");
    return this;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    registries.add(registry);
    counter(
        registry,
        "stowage.retries",
        "Requests sent again after a retryable failure",
        null,
        EngineMetrics::retries);
    counter(
        registry,
        "stowage.throttled",
        "Answers that asked the engine to slow down",
        null,
        EngineMetrics::throttled);
    counter(
        registry,
        "stowage.objects",
        "Objects transferred and verified",
        null,
        EngineMetrics::objects);
    counter(
        registry,
        "stowage.objects.failed",
        "Transfers of one object that failed",
        null,
        EngineMetrics::failedObjects);
    counter(
        registry,
        "stowage.bytes",
        "Bytes of the objects transferred and verified",
        "bytes",
        EngineMetrics::bytes);
    gauge(
        registry,
        "stowage.requests.active",
        "Requests in flight now",
        null,
        EngineMetrics::inFlight);
    gauge(
        registry,
        "stowage.requests.limit",
        "Requests allowed in flight now",
        null,
        EngineMetrics::concurrencyLimit);
    gauge(
        registry,
        "stowage.buffer.used",
        "Part-buffer bytes held now",
        "bytes",
        EngineMetrics::bufferedBytes);
    gauge(
        registry,
        "stowage.buffer.peak",
        "The most part-buffer bytes held at once",
        "bytes",
        EngineMetrics::peakBufferedBytes);
    gauge(
        registry,
        "stowage.buffer.budget",
        "Part-buffer bytes the engine may hold",
        "bytes",
        EngineMetrics::memoryBudget);
  }

  @Override
  public Request sent(StorageOperation operation, String key) {
    if (registries.isEmpty()) {
      return Request.UNOBSERVED;
    }
    long started = System.nanoTime();
    return failure -> {
      long took = System.nanoTime() - started;
      String outcome =
          failure == null
              ? "success"
              : failure instanceof ThrottledException ? "throttled" : "failure";
      String exception = failure == null ? "none" : failure.getClass().getSimpleName();
      for (MeterRegistry registry : registries) {
        timer(registry, operation, outcome, exception).record(took, TimeUnit.NANOSECONDS);
      }
    };
  }

  private Timer timer(
      MeterRegistry registry, StorageOperation operation, String outcome, String exception) {
    return timers.computeIfAbsent(
        new TimerKey(registry, operation, outcome, exception),
        key ->
            Timer.builder("stowage.requests")
                .description("Requests sent to stores, every attempt")
                .tags(tags)
                .tag("operation", operation.name().toLowerCase(Locale.ROOT))
                .tag("outcome", outcome)
                .tag("exception", exception)
                .publishPercentileHistogram()
                .register(registry));
  }

  private void counter(
      MeterRegistry registry,
      String name,
      String description,
      String unit,
      ToDoubleFunction<EngineMetrics> value) {
    FunctionCounter.builder(name, this, binder -> binder.read(value))
        .description(description)
        .baseUnit(unit)
        .tags(tags)
        .register(registry);
  }

  private void gauge(
      MeterRegistry registry,
      String name,
      String description,
      String unit,
      ToDoubleFunction<EngineMetrics> value) {
    Gauge.builder(name, this, binder -> binder.read(value))
        .description(description)
        .baseUnit(unit)
        .tags(tags)
        .strongReference(true)
        .register(registry);
  }

  private double read(ToDoubleFunction<EngineMetrics> value) {
    TransferEngine watched = engine;
    return watched == null ? 0 : value.applyAsDouble(watched.metrics());
  }
}
