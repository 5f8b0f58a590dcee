package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PreconditionFailedException;
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
 * batch; a copy between two stores still reads the bytes. Above the store's single-copy limit the
 * copy goes part by part, each part conditional on the source being the version described.
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

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oss", "s3"})
  void aCopyAboveTheSingleCopyLimitIsMadeInPartsByTheStore(String provider) throws IOException {
    int part = 5 * 1024 * 1024;
    byte[] content = Stores.bytes(2 * part + 12_345);
    try (TransferEngine engine = TransferEngine.builder().partSize(part).build();
        ObjectStore store = new FaultyStore(servers.open(provider, Map.of())).copiesAbove(part)) {
      store.put("ssc-parts/obj-a", Content.ofBytes(content), WriteOptions.DEFAULTS);
      LongSupplier objectGets = gets(provider, "obj-");

      TransferResult copied =
          engine.copy(store, "ssc-parts/obj-a", store, "ssc-parts/obj-b", WriteOptions.DEFAULTS);

      assertThat(objectGets.getAsLong()).as("GETs of an object during the copy").isZero();
      assertThat(copied.parts()).isEqualTo(3);
      assertThat(copied.bytes()).isEqualTo(content.length);
      assertThat(read(store, "ssc-parts/obj-b")).isEqualTo(content);
      if (provider.equals("oss")) {
        // OSS gives a multipart object the CRC-64 of its bytes, so the copy is checked by it
        assertThat(copied.verifiedBy().checksums()).contains(ChecksumAlgorithm.CRC64ECMA);
      }
      assertThat(store.listMultipartUploads("ssc-parts/")).as("uploads left open").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"oss", "s3"})
  void aCopyInPartsOfASourceReplacedMeanwhileLeavesNothing(String provider) {
    int part = 5 * 1024 * 1024;
    try (TransferEngine engine = TransferEngine.builder().partSize(part).build();
        ObjectStore store = new FaultyStore(servers.open(provider, Map.of())).copiesAbove(part)) {
      store.put(
          "ssc-stale/obj-a", Content.ofBytes(Stores.bytes(2 * part + 1)), WriteOptions.DEFAULTS);
      ObjectInfo described = store.stat("ssc-stale/obj-a").orElseThrow();
      byte[] replacement = Stores.bytes(2 * part + 1);
      replacement[0] ^= 1;
      store.put("ssc-stale/obj-a", Content.ofBytes(replacement), WriteOptions.DEFAULTS);

      assertThatThrownBy(
              () -> engine.copy(store, described, store, "ssc-stale/obj-b", WriteOptions.DEFAULTS))
          .isInstanceOf(PreconditionFailedException.class);
      assertThat(store.stat("ssc-stale/obj-b")).as("the target after the refusal").isEmpty();
      assertThat(store.listMultipartUploads("ssc-stale/")).as("uploads left open").isEmpty();
    }
  }

  /** Counts the GETs whose target names an object: a fault that matches them and does nothing. */
  private static LongSupplier gets(String provider, String keyText) {
    FaultProxy proxy = servers.proxy(provider);
    proxy.clear();
    long before = proxy.fired().get(Kind.STALL);
    proxy.inject(ProxyFault.stall(Duration.ZERO).when("GET", keyText).times(Integer.MAX_VALUE));
    return () -> proxy.fired().get(Kind.STALL) - before;
  }

  private static byte[] read(ObjectStore store, String key) throws IOException {
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      return in.readAllBytes();
    }
  }
}
