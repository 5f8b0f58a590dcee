package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ProxyFault.Kind;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RELIABILITY.md THR-01 and goal G9: with one write request in five answered 503 SlowDown, every
 * object is stored, and the requests sent stay within 1.5 times those of the same uploads without
 * faults: the SDK's retries and the engine's, stacked, do not amplify the load.
 */
class RetryAmplificationTest {
  private static final int OBJECTS = 24;
  private static final int PART = 100 * 1024;

  @RegisterExtension static final ProxiedServers servers = new ProxiedServers("amplification");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss"})
  void oneWriteInFiveRefusedCostsAtMostHalfAsManyRequestsAgain(String provider) throws IOException {
    FaultProxy proxy = servers.proxy(provider);
    ObjectStore store = servers.store(provider);
    int baseline = uploads(store, proxy, provider + "-clean/");

    int throttledBefore = proxy.fired().get(Kind.SLOW_DOWN_503);
    proxy.inject(ProxyFault.of(Kind.SLOW_DOWN_503).when("PUT", "").times(100_000).everyNth(5));
    int faulted = uploads(store, proxy, provider + "-throttled/");
    int refused = proxy.fired().get(Kind.SLOW_DOWN_503) - throttledBefore;

    System.out.printf(
        "Retry amplification, %s: %d requests without faults, %d with %d writes refused (%.2fx)%n",
        provider, baseline, faulted, refused, (double) faulted / baseline);
    assertThat(refused).as("writes refused").isPositive();
    assertThat((double) faulted / baseline)
        .as("requests with one write in five refused (%d) over without (%d)", faulted, baseline)
        .isLessThanOrEqualTo(1.5);
  }

  /** Uploads the objects, reads each back, and returns the requests the proxy relayed. */
  private static int uploads(ObjectStore store, FaultProxy proxy, String prefix)
      throws IOException {
    int before = requestsSeen(proxy);
    List<byte[]> contents = new ArrayList<>();
    try (TransferEngine engine = TransferEngine.builder().partSize(PART).concurrency(8).build()) {
      for (int i = 0; i < OBJECTS; i++) {
        byte[] bytes = Stores.bytes(3 * PART + i);
        contents.add(bytes);
        engine.upload(Content.ofBytes(bytes), store, prefix + i, WriteOptions.DEFAULTS);
      }
    }
    int sent = requestsSeen(proxy) - before;
    for (int i = 0; i < OBJECTS; i++) {
      assertThat(Stores.read(store, prefix + i)).as(prefix + i).isEqualTo(contents.get(i));
    }
    return sent;
  }

  /** Requests the proxy relayed, and those it answered itself with a fault. */
  private static int requestsSeen(FaultProxy proxy) {
    return proxy.exchanges() + proxy.fired().values().stream().mapToInt(Integer::intValue).sum();
  }
}
