package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Content;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ProxyFault.Kind;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bodies that fail late, and endpoints whose TLS cannot be spoken (RELIABILITY.md RTY-01
 * and NET-08), on S3 and OSS through their real clients.
 */
class BodyAndTlsFaultsTest {
  private static final String BUCKET = "large-bodies";

  @RegisterExtension static final ProxiedServers servers = new ProxiedServers(BUCKET);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss"})
  void aBodyRefusedAfterItWasSentWholeIsSentAgainIdentical(String provider) throws IOException {
    FaultProxy proxy = servers.proxy(provider);
    int before = proxy.fired().get(Kind.SLOW_DOWN_AFTER_REQUEST_BODY);
    byte[] single = Stores.bytes(1024 * 1024);
    byte[] parts = Stores.bytes(3 * 512 * 1024 + 5);
    proxy.inject(ProxyFault.of(Kind.SLOW_DOWN_AFTER_REQUEST_BODY).when("PUT", "").times(3));
    try (TransferEngine engine = TransferEngine.builder().partSize(512 * 1024).build()) {
      engine.upload(
          Content.ofBytes(single), servers.store(provider), "single", WriteOptions.DEFAULTS);
      engine.upload(
          Stores.unknownLength(parts), servers.store(provider), "parts", WriteOptions.DEFAULTS);
    }

    assertThat(proxy.fired().get(Kind.SLOW_DOWN_AFTER_REQUEST_BODY) - before)
        .as("bodies of 512 KiB and more refused after they were sent")
        .isEqualTo(3);
    assertThat(Stores.read(servers.store(provider), "single")).isEqualTo(single);
    assertThat(Stores.read(servers.store(provider), "parts")).isEqualTo(parts);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss"})
  void anEndpointThatSpeaksNoTlsIsAClearConfigurationError(String provider) {
    // the servers themselves, which answer a TLS hello with plain HTTP
    int port = servers.serverPort(provider);
    String key = provider + ".endpoint";
    long started = System.nanoTime();
    try (ObjectStore store = servers.open(provider, Map.of(key, "https://127.0.0.1:" + port))) {
      Assertions.assertThatThrownBy(() -> store.list(ListRequest.of("")))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("TLS handshake");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("refused without retrying for long")
        .isLessThan(Duration.ofSeconds(30));
  }
}
