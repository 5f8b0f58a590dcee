package dev.stowage.oss.server;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An Alibaba Cloud OSS protocol server in this JVM, on 127.0.0.1, storing objects in memory. The
 * official {@code aliyun-sdk-oss} client works against {@link #endpoint()} in path-style, with
 * signatures checked.
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
 * bucket.oss-REGION.aliyuncs.com} through a proxy, or {@code bucket.} a {@linkplain Builder#domain
 * domain} of your own). Every other operation answers 501 NotImplemented: never a silent success.
 * {@link #faults()} arms faults for the next matching requests.
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
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private ServerSocket socket;
  private ExecutorService connections;

  private OssServer(Builder builder) {
    this.accessKeyId = builder.accessKeyId;
    this.accessKeySecret = builder.accessKeySecret;
    this.requestedPort = builder.port;
    this.clock = builder.clock;
    this.domains = Set.copyOf(builder.domains);
    this.buckets =
        new Buckets(builder.directory == null ? null : new ObjectDirectory(builder.directory));
  }

  /**
   * Returns a builder with generated credentials and a random port.
   *
   * @return the builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts listening on 127.0.0.1.
   *
   * @return this server
   * @throws IOException if the port cannot be bound
   */
  public OssServer start() throws IOException {
    socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 128);
    connections =
        Executors.newCachedThreadPool(
            runnable -> {
              Thread thread = new Thread(runnable, "oss-server-connection");
              thread.setDaemon(true);
              return thread;
            });
    Thread acceptor = new Thread(this::accept, "oss-server-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return this;
  }

  /**
   * Returns the endpoint to give the client, such as {@code http://127.0.0.1:41234}.
   *
   * @return the endpoint
   */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
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

  private void accept() {
    while (!closed.get()) {
      try {
        Socket client = socket.accept();
        connections.execute(() -> serve(client));
      } catch (IOException e) {
        if (!closed.get()) {
          System.err.println("oss-server: accept failed: " + e.getMessage());
        }
      }
    }
  }

  private void serve(Socket client) {
    try (client;
        InputStream in = new BufferedInputStream(client.getInputStream());
        OutputStream out = new BufferedOutputStream(client.getOutputStream())) {
      RequestHandler handler =
          new RequestHandler(
              buckets,
              new Authenticator(accessKeyId, accessKeySecret, clock),
              faults,
              requests,
              stopped,
              domains,
              clock);
      while (!closed.get()) {
        HttpExchange request = HttpExchange.read(in, out);
        if (request == null) {
          return;
        }
        HttpExchange.Response response = handler.handle(request);
        if (response.reset) {
          client.setSoLinger(true, 0);
          return;
        }
        if (!response.write(out, request.keepAlive())) {
          return;
        }
      }
    } catch (SocketException e) {
      // the client went away
    } catch (IOException | RuntimeException e) {
      if (!closed.get()) {
        System.err.println("oss-server: connection failed: " + e);
      }
    }
  }

  /** Stops listening and drops open connections. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      stopped.countDown();
      try {
        if (socket != null) {
          socket.close();
        }
      } catch (IOException e) {
        // closing a listening socket has nothing to report
      }
      if (connections != null) {
        connections.shutdownNow();
        try {
          connections.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  @Override
  public String toString() {
    return "OssServer["
        + (socket == null ? "not started" : endpoint())
        + ", accessKeyId="
        + accessKeyId
        + "]";
  }

  private static final String USAGE =
      "usage: java -jar stowage-oss-server.jar [--port=N] [--directory=PATH] [--bucket=NAME]..."
          + " [--domain=NAME]... [--access-key-id=ID --access-key-secret=SECRET]";

  /**
   * Starts a server and prints its endpoint and credentials; stops on Ctrl-C.
   *
   * @param args options, see the usage line printed for {@code --help}
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    Builder builder = builder();
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

  /** Builds an {@link OssServer}. */
  public static final class Builder {
    private String accessKeyId = "LTAI" + random(8);
    private String accessKeySecret = random(15);
    private int port;
    private Clock clock = Clock.systemUTC();
    private final Set<String> domains = new HashSet<>(Set.of("localhost"));
    private Path directory;

    private Builder() {}

    private static String random(int bytes) {
      byte[] value = new byte[bytes];
      new SecureRandom().nextBytes(value);
      return HexFormat.of().formatHex(value);
    }

    /**
     * Sets the credentials the server accepts.
     *
     * @param id the access key id
     * @param secret the secret
     * @return this builder
     */
    public Builder credentials(String id, String secret) {
      this.accessKeyId = Objects.requireNonNull(id, "id is null");
      this.accessKeySecret = Objects.requireNonNull(secret, "secret is null");
      return this;
    }

    /**
     * Sets the port; 0 (the default) picks a free one.
     *
     * @param value the port
     * @return this builder
     */
    public Builder port(int value) {
      this.port = value;
      return this;
    }

    /**
     * Sets the clock request times are checked against, to test clock skew.
     *
     * @param value the clock
     * @return this builder
     */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value, "value is null");
      return this;
    }

    /**
     * Adds a domain for virtual-host addressing: a request whose Host is {@code <bucket>.<domain>}
     * addresses that bucket. {@code localhost} and {@code oss-REGION.aliyuncs.com} are always
     * domains.
     *
     * @param value the domain, such as {@code oss.test}
     * @return this builder
     */
    public Builder domain(String value) {
      domains.add(Objects.requireNonNull(value, "value is null").toLowerCase(Locale.ROOT));
      return this;
    }

    /**
     * Keeps buckets and objects in a directory (created if missing) as well as in memory, so that a
     * server started again on it serves them; multipart uploads in progress are not kept. By
     * default everything is in memory only.
     *
     * @param value the directory
     * @return this builder
     */
    public Builder directory(Path value) {
      this.directory = Objects.requireNonNull(value, "value is null");
      return this;
    }

    /**
     * Returns the server, not yet started.
     *
     * @return the server
     * @throws java.io.UncheckedIOException if the directory cannot be read
     */
    public OssServer build() {
      return new OssServer(this);
    }
  }
}
