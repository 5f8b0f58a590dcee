package dev.stowage.provider.s3;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageLocation;
import dev.stowage.tck.ProviderOpening;
import dev.stowage.tck.ServerDeviation;
import dev.stowage.tck.StoreFixture;
import dev.stowage.testing.S3ProxyServer;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 endpoint in this JVM: the shared {@link S3ProxyServer} with canary credentials, and one
 * bucket made through the SDK.
 */
final class S3ProxyFixture implements StoreFixture {
  static final String ACCESS_KEY = "AKIACANARYSTOWAGE0001";
  static final String SECRET_KEY = "CANARYSECRET-" + UUID.randomUUID();
  static final String BUCKET = "stowage-tck";

  private final S3ProxyServer server;
  private final Map<String, String> options;

  S3ProxyFixture(Map<String, String> extraOptions) {
    server = new S3ProxyServer(ACCESS_KEY, SECRET_KEY);
    Map<String, String> all = new HashMap<>(server.options());
    all.putAll(extraOptions);
    options = Map.copyOf(all);
    server.createBucket(BUCKET);
  }

  URI endpoint() {
    return server.endpoint();
  }

  Map<String, String> options() {
    return options;
  }

  /** A plain SDK client for what the provider does not do, such as making buckets. */
  S3Client adminClient() {
    return server.adminClient();
  }

  ObjectStore open(String location, Map<String, String> overrides) {
    return new ProviderOpening(new S3StorageProvider(), StorageLocation.parse(location), options)
        .open(overrides);
  }

  @Override
  public ObjectStore openStore() {
    return open("s3://" + BUCKET + "/", Map.of());
  }

  /** The kit takes the secrets from the provider's secret options, and puts canaries in each. */
  @Override
  public Optional<ProviderOpening> opening() {
    return Optional.of(
        new ProviderOpening(
            new S3StorageProvider(), StorageLocation.parse("s3://" + BUCKET + "/"), options));
  }

  /**
   * S3Proxy's in-memory store sorts keys as Java strings, does not track aborted uploads, and
   * refuses keys that start with '/'.
   */
  @Override
  public Set<ServerDeviation> serverDeviations() {
    return Set.of(
        ServerDeviation.LISTS_IN_UTF16_ORDER,
        ServerDeviation.ACCEPTS_PARTS_AFTER_ABORT,
        ServerDeviation.LISTS_PARTS_OF_ENDED_UPLOADS,
        ServerDeviation.MIXES_VERSIONS_IN_A_RACING_READ,
        ServerDeviation.CANNOT_NEST_KEYS,
        ServerDeviation.CANNOT_HOLD_LEADING_SLASH_KEYS);
  }

  @Override
  public void close() {
    server.close();
  }
}
