package dev.stowage.oss.server;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Requests the server has authenticated, by operation; counted from many connections at once. */
final class RequestCounts {
  private final Map<OssOperation, LongAdder> counts = new EnumMap<>(OssOperation.class);

  RequestCounts() {
    for (OssOperation operation : OssOperation.values()) {
      counts.put(operation, new LongAdder());
    }
  }

  void count(OssOperation operation) {
    counts.get(operation).increment();
  }

  long of(OssOperation operation) {
    return counts.get(operation).sum();
  }
}
