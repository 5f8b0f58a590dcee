package dev.stowage.metrics.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.TransferEngine;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineMeterBinderTest {
  private static final int PART = 5 * 1024 * 1024;

  @TempDir Path temp;

  @Test
  void countsTheRequestsBytesAndObjectsOfRealTransfers() throws IOException {
    byte[] bytes = new byte[3 * PART + 7]; // four parts
    new Random(7).nextBytes(bytes);
    Path file = Files.write(temp.resolve("big.bin"), bytes);
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    EngineMeterBinder meters = new EngineMeterBinder(Tags.of("job", "test"));

    try (TransferEngine engine =
            TransferEngine.builder().partSize(PART).requestObserver(meters).build();
        ObjectStore store =
            Providers.load()
                .open(StorageLocation.of(temp.resolve("store")), Map.of("file.fsync", "false"))) {
      meters.watch(engine).bindTo(registry);
      engine.upload(file, store, "big.bin", WriteOptions.DEFAULTS);
      engine.download(store, "big.bin", temp.resolve("back.bin"));
      // a stream is read into part buffers, within the memory budget
      engine.upload(new ByteArrayInputStream(bytes), store, "streamed.bin", WriteOptions.DEFAULTS);
      assertThatThrownBy(() -> engine.download(store, "missing", temp.resolve("missing")))
          .hasMessageContaining("no such object");

      assertThat(registry.get("stowage.objects").functionCounter().count()).isEqualTo(3);
      assertThat(registry.get("stowage.objects.failed").functionCounter().count()).isEqualTo(1);
      assertThat(registry.get("stowage.bytes").functionCounter().count())
          .isEqualTo(3.0 * bytes.length);
      assertThat(registry.get("stowage.requests.active").gauge().value()).isZero();
      assertThat(registry.get("stowage.buffer.budget").gauge().value()).isPositive();
      assertThat(registry.get("stowage.buffer.peak").gauge().value())
          .as("the stream's parts were buffered")
          .isGreaterThanOrEqualTo(PART);
    }
    Timer parts =
        registry
            .get("stowage.requests")
            .tags("operation", "upload_part", "outcome", "success", "job", "test")
            .timer();
    assertThat(parts.count()).as("four parts of the file, four of the stream").isEqualTo(8);
    assertThat(registry.scrape())
        .as("a latency histogram of the parts, as Prometheus scrapes it")
        .containsPattern("stowage_requests_seconds_bucket\\{[^}]*operation=\"upload_part\"");
    assertThat(
            registry
                .get("stowage.requests")
                .tags("operation", "read", "outcome", "success")
                .timer()
                .count())
        .as("one ranged read per part")
        .isEqualTo(4);
    assertThat(registry.get("stowage.requests").tags("operation", "stat").timers()).isNotEmpty();
    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getTags().toString())
          .as("no key or location in any tag")
          .doesNotContain("big.bin")
          .doesNotContain(temp.toString());
    }
  }
}
