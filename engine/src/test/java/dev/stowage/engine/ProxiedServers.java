package dev.stowage.engine;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.oss.server.OssServer;
import dev.stowage.testing.S3ProxyServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * S3Proxy and oss-server on loopback, each with one bucket and its own {@link FaultProxy} in front,
 * and stores of the real providers opened through the proxies or straight to the servers. As a
 * static {@code @RegisterExtension} field it starts before the class, disarms the proxies before
 * each test and stops after the class.
 */
final class ProxiedServers
    implements AutoCloseable, BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
  static final List<String> PROVIDERS = List.of("s3", "oss");

  private final String bucket;
  private S3ProxyServer s3;
  private OssServer oss;
  private final Map<String, FaultProxy> proxies = new HashMap<>();
  private final Map<String, ObjectStore> stores = new HashMap<>();

  ProxiedServers(String bucket) {
    this.bucket = bucket;
  }

  /** Starts the servers and their proxies; {@link #close()} stops them. */
  ProxiedServers start() throws Exception {
    s3 = new S3ProxyServer();
    s3.createBucket(bucket);
    proxies.put("s3", FaultProxy.start(s3.port()));
    oss = OssServer.builder().build().start();
    oss.createBucket(bucket);
    proxies.put("oss", FaultProxy.start(oss.endpoint().getPort()));
    return this;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    clearFaults();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  FaultProxy proxy(String provider) {
    return proxies.get(provider);
  }

  /** The server's own loopback port, behind no proxy. */
  int serverPort(String provider) {
    return provider.equals("s3") ? s3.port() : oss.endpoint().getPort();
  }

  /** The secret the provider's store signs with. */
  String secret(String provider) {
    return provider.equals("s3") ? s3.options().get("s3.secret-access-key") : oss.accessKeySecret();
  }

  /** The bucket through the provider's proxy, opened once and closed with the servers. */
  synchronized ObjectStore store(String provider) {
    return stores.computeIfAbsent(provider, p -> open(p, Map.of()));
  }

  /** Opens the bucket through the provider's proxy, with options overriding the defaults. */
  ObjectStore open(String provider, Map<String, String> overrides) {
    Map<String, String> options = new HashMap<>(direct(provider));
    options.put(provider + ".endpoint", proxies.get(provider).endpoint().toString());
    options.putAll(overrides);
    return openAt(provider, options);
  }

  /** Opens the bucket straight at the server, behind no proxy. */
  ObjectStore openDirect(String provider) {
    return openAt(provider, direct(provider));
  }

  private ObjectStore openAt(String provider, Map<String, String> options) {
    return Providers.load().open(StorageLocation.parse(provider + "://" + bucket + "/"), options);
  }

  private Map<String, String> direct(String provider) {
    if (provider.equals("s3")) {
      return s3.options();
    }
    return Map.of(
        "oss.endpoint", oss.endpoint().toString(),
        "oss.allow-insecure-http", "true",
        "oss.access-key-id", oss.accessKeyId(),
        "oss.access-key-secret", oss.accessKeySecret());
  }

  /** Disarms every proxy's faults. */
  void clearFaults() {
    proxies.values().forEach(FaultProxy::clear);
  }

  @Override
  public void close() {
    stores.values().forEach(ObjectStore::close);
    stores.clear();
    proxies.values().forEach(FaultProxy::close);
    proxies.clear();
    if (s3 != null) {
      s3.close();
    }
    if (oss != null) {
      oss.close();
    }
  }
}
