package dev.stowage.oss.server;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * An Alibaba Cloud OSS protocol server in this JVM, on 127.0.0.1, storing objects in memory or in a
 * {@linkplain OssServerBuilder#directory directory}. The official {@code aliyun-sdk-oss} client
 * works against {@link #endpoint()} in path-style, with signatures checked. It runs on Jetty
 * (relocated into this jar) with limits for clients that mean harm: see {@link
 * OssServerBuilder#maxBodyBytes}, {@link OssServerBuilder#idleTimeout}, {@link
 * OssServerBuilder#maxConnections} and {@link OssServerBuilder#maxRequests}.
 *
 * <pre>{@code
 * try (OssServer server = OssServer.builder().build().start()) {
 *   server.createBucket("my-bucket");
 *   OSS client = new OSSClientBuilder().build(server.endpoint().toString(),
 *       server.accessKeyId(), server.accessKeySecret());
 * }
 * }</pre>
 *
 * <p>It serves the operations of {@link OssOperation} with signature V1 and V4 checked, in
 * path-style and virtual-host form ({@code bucket.localhost}, {@code
 * bucket.oss-REGION.aliyuncs.com} through a proxy, or {@code bucket.} a {@linkplain
 * OssServerBuilder#domain domain} of your own). Every other operation answers 501 NotImplemented:
 * never a silent success. {@link #faults()} arms faults for the next matching requests.
 */
public final class OssServer implements AutoCloseable {
  private final String accessKeyId;
  private final String accessKeySecret;
  private final int requestedPort;
  private final Clock clock;
  private final Set<String> domains;
  private final Faults faults = new Faults();
  private final RequestCounts requests = new RequestCounts();
  private final Buckets buckets;
  private final long maxBodyBytes;
  private final Duration idleTimeout;
  private final int maxConnections;
  private final int maxRequests;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private Server server;
  private ServerConnector connector;

  OssServer(OssServerBuilder builder) {
    this.accessKeyId = builder.accessKeyId;
    this.accessKeySecret = builder.accessKeySecret;
    this.requestedPort = builder.port;
    this.clock = builder.clock;
    this.domains = Set.copyOf(builder.domains);
    this.maxBodyBytes = builder.maxBodyBytes;
    this.idleTimeout = builder.idleTimeout;
    this.maxConnections = builder.maxConnections;
    this.maxRequests = builder.maxRequests;
    this.buckets =
        new Buckets(builder.directory == null ? null : new ObjectDirectory(builder.directory));
  }

  /**
   * Returns a builder with generated credentials and a random port.
   *
   * @return the builder
   */
  public static OssServerBuilder builder() {
    return new OssServerBuilder();
  }

  /**
   * Starts listening on 127.0.0.1.
   *
   * @return this server
   * @throws IOException if the port cannot be bound
   */
  public OssServer start() throws IOException {
    // a request waits in the queue when every worker is busy; beyond it, the QoS handler answers
    // 503
    QueuedThreadPool workers =
        new QueuedThreadPool(maxRequests + 16, 4, 60_000, new BlockingArrayQueue<>(maxRequests));
    workers.setName("oss-server");
    workers.setDaemon(true);
    workers.setStopTimeout(5_000);
    server = new Server(workers);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    http.setSendXPoweredBy(false);
    // paths are the server's to parse: keys may hold what a web server would call ambiguous
    http.setUriCompliance(UriCompliance.UNSAFE);
    http.setRequestHeaderSize(64 * 1024);
    connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(requestedPort);
    connector.setIdleTimeout(idleTimeout.toMillis());
    connector.setAcceptQueueSize(128);
    server.addConnector(connector);
    server.addBean(new NetworkConnectionLimit(maxConnections, connector));
    QoSHandler limit =
        new QoSHandler(
            new HttpTransport(
                new RequestHandler(
                    buckets,
                    new Authenticator(accessKeyId, accessKeySecret, clock),
                    faults,
                    requests,
                    stopped,
                    domains,
                    clock),
                maxBodyBytes));
    limit.setMaxRequestCount(maxRequests);
    limit.setMaxSuspendedRequestCount(maxRequests);
    limit.setMaxSuspend(idleTimeout);
    server.setHandler(limit);
    server.setStopTimeout(5_000);
    try {
      server.start();
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("oss-server could not start: " + e.getMessage(), e);
    }
    return this;
  }

  /**
   * Returns the endpoint to give the client, such as {@code http://127.0.0.1:41234}.
   *
   * @return the endpoint
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + connector.getLocalPort());
  }

  /**
   * Returns the access key id the server accepts.
   *
   * @return the id
   */
  public String accessKeyId() {
    return accessKeyId;
  }

  /**
   * Returns the secret the server checks signatures with.
   *
   * @return the secret
   */
  public String accessKeySecret() {
    return accessKeySecret;
  }

  /**
   * Returns the faults armed on this server and the count of those that fired.
   *
   * @return the faults
   */
  public Faults faults() {
    return faults;
  }

  /**
   * Returns how many requests of an operation the server has authenticated since it started,
   * faulted ones included; a benchmark takes the difference across a run to count its requests.
   *
   * @param operation the operation
   * @return the count
   */
  public long requests(OssOperation operation) {
    return requests.of(operation);
  }

  /**
   * Returns whether a bucket exists.
   *
   * @param name the bucket's name
   * @return true if it exists
   */
  public boolean hasBucket(String name) {
    return buckets.find(name) != null;
  }

  /**
   * Returns the number of multipart uploads in progress in a bucket, to check that none was left
   * behind.
   *
   * @param bucket the bucket's name
   * @return the count, 0 if the bucket does not exist
   */
  public int uploadsInProgress(String bucket) {
    Bucket found = buckets.find(bucket);
    return found == null ? 0 : found.uploads.size();
  }

  /**
   * Creates a bucket without a request, for test set-up; does nothing if it exists.
   *
   * @param name the bucket's name
   */
  public void createBucket(String name) {
    buckets.create(Objects.requireNonNull(name, "name is null"));
  }

  /**
   * Stops listening, drops open connections and returns once every thread of the server has ended.
   * Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stopped.countDown(); // ends the stalls that faults hold requests in
      if (server != null) {
        try {
          server.stop();
          server.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        } catch (Exception e) {
          throw new IllegalStateException("oss-server did not stop: " + e.getMessage(), e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "OssServer["
        + (connector == null ? "not started" : endpoint())
        + ", accessKeyId="
        + accessKeyId
        + "]";
  }

  private static final String USAGE =
      "usage: java -jar stowage-oss-server.jar [--port=N] [--directory=PATH] [--bucket=NAME]..."
          + " [--domain=NAME]... [--access-key-id=ID --access-key-secret=SECRET]"
          + " [--max-body-bytes=N] [--idle-timeout=30S] [--max-connections=N] [--max-requests=N]";

  /**
   * Starts a server and prints its endpoint and credentials; stops on Ctrl-C.
   *
   * @param args options, see the usage line printed for {@code --help}
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    OssServerBuilder builder = builder();
    java.util.List<String> bucketNames = new java.util.ArrayList<>();
    String id = null;
    String secret = null;
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      switch (name) {
        case "--port" -> builder.port(Integer.parseInt(value));
        case "--directory" -> builder.directory(Path.of(value));
        case "--bucket" -> bucketNames.add(value);
        case "--domain" -> builder.domain(value);
        case "--access-key-id" -> id = value;
        case "--access-key-secret" -> secret = value;
        case "--max-body-bytes" -> builder.maxBodyBytes(Long.parseLong(value));
        case "--idle-timeout" -> builder.idleTimeout(Duration.parse("PT" + value));
        case "--max-connections" -> builder.maxConnections(Integer.parseInt(value));
        case "--max-requests" -> builder.maxRequests(Integer.parseInt(value));
        default -> {
          System.err.println((name.equals("--help") ? "" : "unknown option " + arg + "\n") + USAGE);
          System.exit(name.equals("--help") ? 0 : 2);
        }
      }
    }
    if ((id == null) != (secret == null)) {
      System.err.println("give both --access-key-id and --access-key-secret, or neither\n" + USAGE);
      System.exit(2);
    }
    if (id != null) {
      builder.credentials(id, secret);
    }
    OssServer server = builder.build().start();
    bucketNames.forEach(server::createBucket);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close));
    System.out.println("OSS server listening (Ctrl-C stops it)");
    System.out.println("  endpoint:          " + server.endpoint());
    System.out.println("  access key id:     " + server.accessKeyId());
    System.out.println("  access key secret: " + server.accessKeySecret());
    Thread.currentThread().join();
  }
}
