package dev.stowage.testing;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3Proxy on 127.0.0.1 with a free port, an in-memory blob store and SigV2/V4 authentication: the
 * one S3 endpoint every module's tests talk to. Buckets are made through the SDK, since the
 * provider makes none.
 */
public final class S3ProxyServer implements AutoCloseable {
  /** The access key id of {@link #S3ProxyServer()}. */
  public static final String DEFAULT_ACCESS_KEY = "AKIASTOWAGETEST00001";

  /** The secret of {@link #S3ProxyServer()}, a canary that must never be printed. */
  public static final String DEFAULT_SECRET_KEY = "STOWAGE-TEST-SECRET-5b1e";

  /**
   * What S3Proxy does differently from S3, as the kit's server deviations, one per line: the
   * content of a {@code --capability-overrides} file for a kit run against it.
   */
  public static final String KIT_DEVIATIONS =
      "LISTS_IN_UTF16_ORDER\nACCEPTS_PARTS_AFTER_ABORT\nLISTS_PARTS_OF_ENDED_UPLOADS\n"
          + "MIXES_VERSIONS_IN_A_RACING_READ\nCANNOT_NEST_KEYS\nCANNOT_HOLD_LEADING_SLASH_KEYS\n";

  private final S3Proxy proxy;
  private final CountingBlobStore blobStore;
  private final String accessKey;
  private final String secretKey;

  /**
   * Starts S3Proxy with the default credentials.
   *
   * @throws IllegalStateException if it does not start
   */
  public S3ProxyServer() {
    this(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY);
  }

  /**
   * Starts S3Proxy with the given credentials.
   *
   * @param accessKey the access key id clients must sign with
   * @param secretKey the secret clients must sign with
   * @throws IllegalStateException if it does not start
   */
  public S3ProxyServer(String accessKey, String secretKey) {
    this(accessKey, secretKey, AuthenticationType.AWS_V2_OR_V4);
  }

  /**
   * Starts S3Proxy that checks no signature, for a proxy in front of it that changes signed headers
   * to make the server behave like another one. Clients still sign with the default credentials.
   *
   * @return the running server
   * @throws IllegalStateException if it does not start
   */
  public static S3ProxyServer withoutAuthentication() {
    return new S3ProxyServer(DEFAULT_ACCESS_KEY, DEFAULT_SECRET_KEY, AuthenticationType.NONE);
  }

  /**
   * Starts S3Proxy with the default credentials that keeps objects and parts in files under a
   * directory (jclouds' filesystem store) instead of the heap: for tests of objects of a GiB.
   *
   * @param directory the directory, created if missing
   * @return the running server
   * @throws IllegalStateException if it does not start
   */
  public static S3ProxyServer onDisk(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + directory, e);
    }
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", directory.toString());
    return new S3ProxyServer(
        DEFAULT_ACCESS_KEY,
        DEFAULT_SECRET_KEY,
        AuthenticationType.AWS_V2_OR_V4,
        BlobStores.create("filesystem", properties));
  }

  private S3ProxyServer(String accessKey, String secretKey, AuthenticationType authentication) {
    this(accessKey, secretKey, authentication, BlobStores.create("transient", new Properties()));
  }

  private S3ProxyServer(
      String accessKey,
      String secretKey,
      AuthenticationType authentication,
      org.gaul.s3proxy.blobstore.BlobStore store) {
    this.blobStore = new CountingBlobStore(store);
    this.accessKey = requireNonNull(accessKey, "accessKey is null");
    this.secretKey = requireNonNull(secretKey, "secretKey is null");
    try {
      proxy =
          S3Proxy.builder()
              .blobStore(blobStore)
              .endpoint(URI.create("http://127.0.0.1:0"))
              .awsAuthentication(authentication, accessKey, secretKey)
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
  }

  /**
   * Makes a bucket, and opens a store on a path of it through whatever provider serves {@code s3}
   * on the class path.
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
    try (S3Client admin = adminClient()) {
      admin.createBucket(b -> b.bucket(bucket));
    }
  }

  /**
   * Returns a plain SDK client for what the provider does not do, such as making buckets. The
   * caller closes it.
   *
   * @return the client
   */
  public S3Client adminClient() {
    return S3Client.builder()
        .httpClientBuilder(Apache5HttpClient.builder())
        .endpointOverride(endpoint())
        .region(Region.US_EAST_1)
        .forcePathStyle(true)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
        .build();
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
        accessKey,
        "s3.secret-access-key",
        secretKey);
  }

  /**
   * Returns the server's address.
   *
   * @return {@code http://127.0.0.1:PORT}
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /**
   * Returns the loopback port S3Proxy listens on.
   *
   * @return the port
   */
  public int port() {
    return proxy.getPort();
  }

  /**
   * Returns how often S3Proxy called each method of its blob store since it started: one call per
   * S3 request that reached it ({@code putBlob} for a PUT, {@code uploadMultipartPart} for a part,
   * {@code blobMetadata} for a HEAD, {@code list} for a listing), so a benchmark can count a
   * client's requests by the server's word.
   *
   * @return the counts by method name
   */
  public Map<String, Long> blobStoreCalls() {
    return blobStore.calls();
  }

  /**
   * Returns the calls made since an earlier {@link #blobStoreCalls()}, the kinds with none left
   * out: the requests of what ran in between.
   *
   * @param before the earlier counts
   * @return the counts since, by method name
   */
  public Map<String, Long> blobStoreCallsSince(Map<String, Long> before) {
    Map<String, Long> since = new TreeMap<>();
    blobStore
        .calls()
        .forEach(
            (call, count) -> {
              long made = count - before.getOrDefault(call, 0L);
              if (made > 0) {
                since.put(call, made);
              }
            });
    return since;
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
