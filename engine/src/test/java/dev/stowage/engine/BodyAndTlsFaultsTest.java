package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Content;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ProxyFault.Kind;
import dev.stowage.oss.server.OssServer;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Request bodies that fail late, and endpoints whose TLS cannot be spoken (RELIABILITY.md RTY-01
 * and NET-08), on S3 and OSS through their real clients.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BodyAndTlsFaultsTest {
  private static final String BUCKET = "large-bodies";
  private final Map<String, FaultProxy> proxies = new HashMap<>();
  private final Map<String, ObjectStore> stores = new HashMap<>();
  private final Map<String, Map<String, String>> options = new HashMap<>();
  private S3ProxyServer s3;
  private OssServer oss;

  @BeforeAll
  void start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket(BUCKET);
    FaultProxy s3Proxy = FaultProxy.start(s3.port());
    Map<String, String> s3Options = new HashMap<>(s3.options());
    s3Options.put("s3.endpoint", s3Proxy.endpoint().toString());
    proxies.put("s3", s3Proxy);
    options.put("s3", s3Options);

    oss = OssServer.builder().build().start();
    Stores.oss(oss, BUCKET, "").close();
    FaultProxy ossProxy = FaultProxy.start(oss.endpoint().getPort());
    proxies.put("oss", ossProxy);
    options.put(
        "oss",
        Map.of(
            "oss.endpoint", ossProxy.endpoint().toString(),
            "oss.allow-insecure-http", "true",
            "oss.access-key-id", oss.accessKeyId(),
            "oss.access-key-secret", oss.accessKeySecret()));
    for (String provider : proxies.keySet()) {
      stores.put(provider, open(provider, Map.of()));
    }
  }

  private ObjectStore open(String provider, Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(options.get(provider));
    merged.putAll(overrides);
    StorageLocation location = StorageLocation.parse(provider + "://" + BUCKET + "/");
    return Providers.load()
        .provider(provider)
        .open(location, ProviderConfig.of(merged).withLocationParameters(location));
  }

  @AfterAll
  void stop() {
    stores.values().forEach(ObjectStore::close);
    proxies.values().forEach(FaultProxy::close);
    s3.close();
    oss.close();
  }

  @BeforeEach
  void disarm() {
    proxies.values().forEach(FaultProxy::clear);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss"})
  void aBodyRefusedAfterItWasSentWholeIsSentAgainIdentical(String provider) throws IOException {
    FaultProxy proxy = proxies.get(provider);
    int before = proxy.fired().get(Kind.SLOW_DOWN_AFTER_REQUEST_BODY);
    byte[] single = Stores.bytes(1024 * 1024);
    byte[] parts = Stores.bytes(3 * 512 * 1024 + 5);
    proxy.inject(ProxyFault.of(Kind.SLOW_DOWN_AFTER_REQUEST_BODY).when("PUT", "").times(3));
    try (TransferEngine engine = TransferEngine.builder().partSize(512 * 1024).build()) {
      engine.upload(Content.ofBytes(single), stores.get(provider), "single", WriteOptions.DEFAULTS);
      engine.upload(
          Stores.unknownLength(parts), stores.get(provider), "parts", WriteOptions.DEFAULTS);
    }

    assertThat(proxy.fired().get(Kind.SLOW_DOWN_AFTER_REQUEST_BODY) - before)
        .as("bodies of 512 KiB and more refused after they were sent")
        .isEqualTo(3);
    assertThat(Stores.read(stores.get(provider), "single")).isEqualTo(single);
    assertThat(Stores.read(stores.get(provider), "parts")).isEqualTo(parts);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss"})
  void anEndpointThatSpeaksNoTlsIsAClearConfigurationError(String provider) {
    // the servers themselves, which answer a TLS hello with plain HTTP
    int port = provider.equals("s3") ? s3.port() : oss.endpoint().getPort();
    String key = provider + ".endpoint";
    long started = System.nanoTime();
    try (ObjectStore store = open(provider, Map.of(key, "https://127.0.0.1:" + port))) {
      Assertions.assertThatThrownBy(() -> store.list(ListRequest.of("")))
          .isInstanceOf(InvalidConfigException.class)
          .hasMessageContaining("TLS handshake");
    }
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .as("refused without retrying for long")
        .isLessThan(Duration.ofSeconds(30));
  }
}
