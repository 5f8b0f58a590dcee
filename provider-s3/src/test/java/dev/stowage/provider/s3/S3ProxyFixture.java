package dev.stowage.provider.s3;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.tck.ServerDeviation;
import dev.stowage.tck.StoreFixture;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A real S3 endpoint in this JVM: S3Proxy on 127.0.0.1 with a random port, an in-memory blob store
 * and SigV4 authentication with canary credentials, and one bucket made through the SDK.
 */
final class S3ProxyFixture implements StoreFixture {
  static final String ACCESS_KEY = "AKIACANARYSTOWAGE0001";
  static final String SECRET_KEY = "CANARYSECRET-" + UUID.randomUUID();
  static final String BUCKET = "stowage-tck";

  private final S3Proxy proxy;
  private final Map<String, String> options;

  S3ProxyFixture(Map<String, String> extraOptions) {
    try {
      proxy =
          S3Proxy.builder()
              .blobStore(BlobStores.create("transient", new Properties()))
              .endpoint(URI.create("http://127.0.0.1:0"))
              .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
              .ignoreUnknownHeaders(true)
              .stopTimeout(1_000)
              .build();
      proxy.start();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not start", e);
    }
    if (!"STARTED".equals(proxy.getState())) {
      throw new IllegalStateException("S3Proxy is " + proxy.getState() + " after start()");
    }
    Map<String, String> all = new HashMap<>();
    all.put("s3.endpoint", endpoint().toString());
    all.put("s3.allow-insecure-http", "true");
    all.put("s3.path-style", "true");
    all.put("s3.region", "us-east-1");
    all.put("s3.access-key-id", ACCESS_KEY);
    all.put("s3.secret-access-key", SECRET_KEY);
    all.putAll(extraOptions);
    options = Map.copyOf(all);
    try (S3Client admin = adminClient()) {
      admin.createBucket(b -> b.bucket(BUCKET));
    }
  }

  URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  Map<String, String> options() {
    return options;
  }

  /** A plain SDK client for what the provider does not do, such as making buckets. */
  S3Client adminClient() {
    return S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
        .build();
  }

  ObjectStore open(String location, Map<String, String> overrides) {
    Map<String, String> merged = new HashMap<>(options);
    merged.putAll(overrides);
    StorageLocation parsed = StorageLocation.parse(location);
    S3StorageProvider provider = new S3StorageProvider();
    return provider.open(
        parsed,
        ProviderConfig.of(merged)
            .withSecretKeys(provider.secretKeys())
            .withLocationParameters(parsed));
  }

  @Override
  public ObjectStore openStore() {
    return open("s3://" + BUCKET + "/", Map.of());
  }

  @Override
  public Set<String> secrets() {
    return Set.of(SECRET_KEY, ACCESS_KEY);
  }

  /** S3Proxy's in-memory store sorts keys as Java strings and does not track aborted uploads. */
  @Override
  public Set<ServerDeviation> serverDeviations() {
    return Set.of(
        ServerDeviation.LISTS_IN_UTF16_ORDER,
        ServerDeviation.ACCEPTS_PARTS_AFTER_ABORT,
        ServerDeviation.LISTS_PARTS_OF_ENDED_UPLOADS);
  }

  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    }
  }
}
