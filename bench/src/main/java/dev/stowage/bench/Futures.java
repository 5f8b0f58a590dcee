package dev.stowage.bench;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for concurrent transfers. */
final class Futures {
  private Futures() {}

  /**
   * Waits for every transfer, failed or not, before it answers, so that nothing is still running
   * when the caller closes its clients; then returns the sum of their bytes or throws the first
   * failure.
   */
  static long sum(List<Future<Long>> transfers) throws Exception {
    long bytes = 0;
    ExecutionException first = null;
    for (Future<Long> transfer : transfers) {
      try {
        bytes += transfer.get();
      } catch (ExecutionException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
    return bytes;
  }
}
