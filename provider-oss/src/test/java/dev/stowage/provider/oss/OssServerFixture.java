package dev.stowage.provider.oss;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageLocation;
import dev.stowage.oss.server.OssServer;
import dev.stowage.tck.ProviderOpening;
import dev.stowage.tck.StoreFixture;
import dev.stowage.testing.OssServerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A real OSS endpoint in this JVM: the project's {@code oss-server} on 127.0.0.1 with a random
 * port, canary credentials checked on every request, and one bucket.
 */
final class OssServerFixture implements StoreFixture {
  static final String ACCESS_KEY_ID = "LTAICANARYSTOWAGE01";
  static final String SECRET = "CANARYSECRET-" + UUID.randomUUID();
  static final String BUCKET = "stowage-tck";

  private final OssServer server;
  private final Map<String, String> options;

  OssServerFixture(String signatureVersion) {
    try {
      server = OssServer.builder().credentials(ACCESS_KEY_ID, SECRET).build().start();
    } catch (IOException e) {
      throw new UncheckedIOException("the OSS server did not start", e);
    }
    server.createBucket(BUCKET);
    Map<String, String> all = new HashMap<>(OssServerOptions.of(server));
    all.put("oss.signature-version", signatureVersion);
    options = Map.copyOf(all);
  }

  OssServer server() {
    return server;
  }

  ObjectStore open(String location, Map<String, String> overrides) {
    return new ProviderOpening(
            new OssStorageProvider(Map.of()), StorageLocation.parse(location), options)
        .open(overrides);
  }

  @Override
  public ObjectStore openStore() {
    return open("oss://" + BUCKET + "/", Map.of());
  }

  /** The kit takes the secrets from the provider's secret options, and puts canaries in each. */
  @Override
  public Optional<ProviderOpening> opening() {
    return Optional.of(
        new ProviderOpening(
            new OssStorageProvider(Map.of()),
            StorageLocation.parse("oss://" + BUCKET + "/"),
            options));
  }

  @Override
  public void close() {
    server.close();
  }
}
