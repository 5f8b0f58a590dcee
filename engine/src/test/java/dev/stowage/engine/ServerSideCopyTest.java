package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ProxyFault.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Copies within one store are made by the store: no GET of the object on the wire (counted at the
 * proxy in front of S3Proxy and oss-server), the copy verified by a stat, and the same through a
 * batch; a copy between two stores still reads the bytes.
 */
class ServerSideCopyTest {
  @RegisterExtension static final ProxiedServers servers = new ProxiedServers("server-copy");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oss", "s3"})
  void aCopyWithinOneStoreSendsNoByteThroughTheClient(String provider) throws IOException {
    byte[] content = Stores.bytes(3 * 1024 * 1024 + 5);
    try (TransferEngine engine = TransferEngine.create();
        ObjectStore store = servers.open(provider, Map.of());
        ObjectStore other = servers.open(provider, Map.of())) {
      store.put("ssc/obj-a", Content.ofBytes(content), WriteOptions.DEFAULTS);
      LongSupplier objectGets = gets(provider, "obj-");

      TransferResult within =
          engine.copy(store, "ssc/obj-a", store, "ssc/obj-b", WriteOptions.DEFAULTS);

      assertThat(objectGets.getAsLong()).as("GETs of an object during the copy").isZero();
      assertThat(within.verifiedBy().method()).isEqualTo(VerifiedBy.Method.STAT);
      assertThat(within.bytes()).isEqualTo(content.length);
      assertThat(read(store, "ssc/obj-b")).isEqualTo(content);

      long before = objectGets.getAsLong();
      engine.copy(store, "ssc/obj-a", other, "ssc/obj-c", WriteOptions.DEFAULTS);
      assertThat(objectGets.getAsLong() - before)
          .as("GETs of a copy between two store instances, which streams")
          .isPositive();

      before = objectGets.getAsLong();
      BatchResult batch =
          engine.copyAll(store, "ssc/", store, "ssc-copies/", WriteOptions.DEFAULTS);
      assertThat(batch.isComplete()).isTrue();
      assertThat(batch.objects()).isEqualTo(3);
      assertThat(objectGets.getAsLong() - before).as("GETs of a batch copy in one store").isZero();
      assertThat(read(store, "ssc-copies/obj-c")).isEqualTo(content);
    }
  }

  /** Counts the GETs whose target names an object: a fault that matches them and does nothing. */
  private static LongSupplier gets(String provider, String keyText) {
    FaultProxy proxy = servers.proxy(provider);
    proxy.inject(ProxyFault.stall(Duration.ZERO).when("GET", keyText).times(Integer.MAX_VALUE));
    return () -> proxy.fired().get(Kind.STALL);
  }

  private static byte[] read(ObjectStore store, String key) throws IOException {
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      return in.readAllBytes();
    }
  }
}
