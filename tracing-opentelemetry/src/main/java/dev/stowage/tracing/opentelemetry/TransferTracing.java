package dev.stowage.tracing.opentelemetry;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.StorageOperation;
import dev.stowage.api.ThrottledException;
import dev.stowage.engine.RequestObserver;
import dev.stowage.engine.TransferListener;
import dev.stowage.engine.TransferProgress;
import dev.stowage.engine.TransferResult;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OpenTelemetry spans for a {@link dev.stowage.engine.TransferEngine}: a span {@code
 * stowage.transfer} for each object transferred, from its start to its verified end or failure, and
 * within it a client span {@code stowage.<operation>} for every attempt of every request ({@code
 * stowage.upload_part}, {@code stowage.read}, ...). A transfer's span is a child of the context
 * current where the transfer was called. Give it to the engine's builder as both its listener and
 * its request observer:
 *
 * <pre>{@code
 * TransferTracing tracing = new TransferTracing(openTelemetry);
 * TransferEngine engine =
 *     TransferEngine.builder().listener(tracing).requestObserver(tracing).build();
 * }</pre>
 *
 * (with {@link TransferListener#andThen} to keep a listener of your own). Spans carry the key, the
 * operation, the bytes and how the object was verified; never a location's credentials.
 */
public final class TransferTracing implements TransferListener, RequestObserver {
  static final String INSTRUMENTATION = "dev.stowage.tracing.opentelemetry";
  static final AttributeKey<String> KEY = AttributeKey.stringKey("stowage.key");
  static final AttributeKey<String> OPERATION = AttributeKey.stringKey("stowage.operation");
  static final AttributeKey<Long> BYTES = AttributeKey.longKey("stowage.bytes");
  static final AttributeKey<Long> RETRIES = AttributeKey.longKey("stowage.retries");
  static final AttributeKey<String> VERIFIED_BY = AttributeKey.stringKey("stowage.verified_by");
  static final AttributeKey<Boolean> THROTTLED = AttributeKey.booleanKey("stowage.throttled");

  private final Tracer tracer;
  private final Map<String, Span> transfers = new ConcurrentHashMap<>();

  /**
   * Spans of a tracer from this OpenTelemetry instance.
   *
   * @param openTelemetry the instance, such as {@code GlobalOpenTelemetry.get()}
   */
  public TransferTracing(OpenTelemetry openTelemetry) {
    this.tracer = requireNonNull(openTelemetry, "openTelemetry is null").getTracer(INSTRUMENTATION);
  }

  @Override
  public void onStarted(String key) {
    Span span =
        tracer
            .spanBuilder("stowage.transfer")
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(KEY, key)
            .startSpan();
    Span earlier = transfers.put(key, span);
    if (earlier != null) {
      earlier.end(); // the same key transferred twice at once: the first ends untold
    }
  }

  @Override
  public void onTransferred(TransferResult result) {
    Span span = transfers.remove(result.object().key());
    if (span != null) {
      span.setAttribute(BYTES, result.bytes());
      span.setAttribute(RETRIES, (long) result.retries());
      span.setAttribute(VERIFIED_BY, String.valueOf(result.verifiedBy()));
      span.end();
    }
  }

  @Override
  public void onFailed(String key, RuntimeException failure) {
    Span span = transfers.remove(key);
    if (span != null) {
      span.recordException(failure);
      span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
      span.end();
    }
  }

  @Override
  public void onProgress(TransferProgress progress) {}

  @Override
  public Request sent(StorageOperation operation, String key) {
    String name = operation.name().toLowerCase(Locale.ROOT);
    Span parent = transfers.get(key);
    Span span =
        tracer
            .spanBuilder("stowage." + name)
            .setSpanKind(SpanKind.CLIENT)
            .setParent(parent == null ? Context.current() : Context.current().with(parent))
            .setAttribute(OPERATION, name)
            .setAttribute(KEY, key)
            .startSpan();
    return failure -> {
      if (failure != null) {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        span.setAttribute(THROTTLED, failure instanceof ThrottledException);
      }
      span.end();
    };
  }
}
