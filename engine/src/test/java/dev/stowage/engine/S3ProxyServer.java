package dev.stowage.engine;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy on loopback with an in-memory blob store, reached through provider-s3. Public for the
 * tests of modules built on the engine (the engine's test jar).
 */
public final class S3ProxyServer implements AutoCloseable {
  private static final String ACCESS_KEY = "AKIAENGINETEST000001";
  private static final String SECRET_KEY = "ENGINE-TEST-SECRET";

  private final S3Proxy proxy;

  /**
   * Starts S3Proxy on a free port.
   *
   * @throws Exception if it does not start
   */
  public S3ProxyServer() throws Exception {
    proxy =
        S3Proxy.builder()
            .blobStore(BlobStores.create("transient", new Properties()))
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            .stopTimeout(1_000)
            .build();
    proxy.start();
    if (!"STARTED".equals(proxy.getState())) {
      throw new IllegalStateException("S3Proxy is " + proxy.getState() + " after start()");
    }
  }

  /** Makes a bucket with the SDK, and opens a store on it through provider-s3. */
  ObjectStore open(String bucket) {
    return open(bucket, "");
  }

  /**
   * Makes a bucket with the SDK, and opens a store on a path of it through provider-s3.
   *
   * @param bucket the bucket to create
   * @param path the store's path in the bucket, possibly empty
   * @return the store
   */
  public ObjectStore open(String bucket, String path) {
    createBucket(bucket);
    return Providers.load().open(StorageLocation.parse("s3://" + bucket + "/" + path), options());
  }

  /**
   * Makes a bucket with the SDK.
   *
   * @param bucket the bucket's name
   */
  public void createBucket(String bucket) {
    try (S3Client admin =
        S3Client.builder()
            .httpClientBuilder(Apache5HttpClient.builder())
            .endpointOverride(endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
            .build()) {
      admin.createBucket(b -> b.bucket(bucket));
    }
  }

  /**
   * Returns the provider options that reach this server with its credentials.
   *
   * @return the options, such as {@code s3.endpoint}
   */
  public Map<String, String> options() {
    return Map.of(
        "s3.endpoint",
        endpoint().toString(),
        "s3.allow-insecure-http",
        "true",
        "s3.path-style",
        "true",
        "s3.region",
        "us-east-1",
        "s3.access-key-id",
        ACCESS_KEY,
        "s3.secret-access-key",
        SECRET_KEY);
  }

  /**
   * Returns the loopback port S3Proxy listens on.
   *
   * @return the port
   */
  public int port() {
    return proxy.getPort();
  }

  private URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Stops S3Proxy. */
  @Override
  public void close() {
    try {
      proxy.stop();
    } catch (Exception e) {
      throw new IllegalStateException("S3Proxy did not stop", e);
    }
  }
}
