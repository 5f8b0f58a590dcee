package dev.stowage.tracing.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.RequestObserver;
import dev.stowage.engine.TransferEngine;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferTracingTest {
  private static final int PART = 5 * 1024 * 1024;

  @TempDir Path temp;
  private final AtomicInteger requests = new AtomicInteger();

  @Test
  void aSpanPerTransferWithASpanPerRequestInsideIt() throws IOException {
    InMemorySpanExporter exporter = InMemorySpanExporter.create();
    byte[] bytes = new byte[2 * PART + 1]; // three parts
    new Random(9).nextBytes(bytes);
    List<SpanData> spans;
    Path file = Files.write(temp.resolve("big.bin"), bytes);

    try (OpenTelemetrySdk sdk =
            OpenTelemetrySdk.builder()
                .setTracerProvider(
                    SdkTracerProvider.builder()
                        .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                        .build())
                .build();
        TransferEngine engine = engine(new TransferTracing(sdk));
        ObjectStore store =
            Providers.load()
                .open(StorageLocation.of(temp.resolve("store")), Map.of("file.fsync", "false"))) {
      engine.upload(file, store, "big.bin", WriteOptions.DEFAULTS);
      assertThatThrownBy(() -> engine.download(store, "missing", temp.resolve("missing")))
          .hasMessageContaining("no such object");
      spans = exporter.getFinishedSpanItems(); // a shut-down exporter holds none
    }

    List<SpanData> transfers =
        spans.stream().filter(s -> s.getName().equals("stowage.transfer")).toList();
    assertThat(transfers).hasSize(2);
    SpanData upload =
        transfers.stream()
            .filter(s -> "big.bin".equals(s.getAttributes().get(TransferTracing.KEY)))
            .findFirst()
            .orElseThrow();
    assertThat(upload.getAttributes().get(TransferTracing.BYTES)).isEqualTo(bytes.length);
    assertThat(upload.getAttributes().get(TransferTracing.VERIFIED_BY)).isNotBlank();
    assertThat(upload.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
    List<SpanData> parts =
        spans.stream().filter(s -> s.getName().equals("stowage.upload_part")).toList();
    assertThat(parts).hasSize(3);
    assertThat(parts)
        .allSatisfy(
            part -> {
              assertThat(part.getKind()).isEqualTo(SpanKind.CLIENT);
              assertThat(part.getParentSpanId()).isEqualTo(upload.getSpanId());
              assertThat(part.getTraceId()).isEqualTo(upload.getTraceId());
            });
    assertThat(spans.stream().filter(s -> s.getKind() == SpanKind.CLIENT).count())
        .as("a span for each request, and each told to the second observer too")
        .isEqualTo((long) requests.get())
        .isPositive();
    SpanData failed =
        transfers.stream()
            .filter(s -> "missing".equals(s.getAttributes().get(TransferTracing.KEY)))
            .findFirst()
            .orElseThrow();
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failed.getEvents()).anyMatch(event -> event.getName().equals("exception"));
    assertThat(spans)
        .filteredOn(s -> s.getName().equals("stowage.stat"))
        .anyMatch(s -> s.getParentSpanId().equals(failed.getSpanId()));
  }

  private TransferEngine engine(TransferTracing tracing) {
    RequestObserver counting =
        new RequestObserver() {
          @Override
          public Request sent(StorageOperation operation, String key) {
            requests.incrementAndGet();
            return Request.UNOBSERVED;
          }
        };
    return TransferEngine.builder()
        .partSize(PART)
        .listener(tracing)
        .requestObserver(tracing.andThen(counting))
        .build();
  }
}
