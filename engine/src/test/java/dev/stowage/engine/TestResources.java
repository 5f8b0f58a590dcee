package dev.stowage.engine;

import java.util.List;
import java.util.Optional;

/** Engine resources for tests of the engine's parts, without a whole engine around them. */
final class TestResources {
  private TestResources() {}

  /**
   * Resources with no deadline, bandwidth limit, journals or extra checksums; 100 objects listed
   * ahead and a budget of 8 parts.
   */
  static EngineResources of(
      long partSize, int concurrency, RetryPolicy retry, TransferListener listener) {
    return new EngineResources(
        partSize,
        concurrency,
        concurrency,
        100,
        8 * partSize,
        retry,
        Optional.empty(),
        Optional.empty(),
        listener,
        RequestObserver.NONE,
        Optional.empty(),
        Optional.empty(),
        List.of(),
        false);
  }
}
