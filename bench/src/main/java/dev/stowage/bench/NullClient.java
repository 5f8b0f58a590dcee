package dev.stowage.bench;

import static dev.stowage.bench.TrialSettings.CONCURRENCY;
import static dev.stowage.bench.TrialSettings.PART_SIZE;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.net.ssl.SSLSocketFactory;

/**
 * The server's ceiling: HTTP/1.1 on raw keep-alive sockets (TLS if the server's is), signed with
 * S3's signature V2, no checksums and no SDK, at the same part size and concurrency as the peers.
 * It PUTs 8 MiB objects from memory, GETs 8 MiB ranges of one object, or HEADs many keys (R0, the
 * zero-latency HEAD rate).
 */
final class NullClient implements Work {
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);
  private static final byte[] PART = new byte[(int) PART_SIZE];

  static {
    new SplittableRandom(8).nextBytes(PART);
  }

  private final TrialSettings settings;
  private final InetSocketAddress server;
  private final boolean tls;

  private NullClient(TrialSettings settings) {
    this.settings = settings;
    URI endpoint = URI.create(settings.endpoint());
    this.server = new InetSocketAddress(endpoint.getHost(), endpoint.getPort());
    this.tls = endpoint.getScheme().equals("https");
  }

  static Work of(TrialSettings settings) {
    return new NullClient(settings);
  }

  @Override
  public void warmUp() throws Exception {
    switch (settings.side()) {
      case "null-put" -> puts(8);
      case "null-get" -> gets(settings.text("warmKey"), settings.number("warmSize"));
      default -> heads(200);
    }
  }

  @Override
  public Map<String, Object> run() throws Exception {
    return switch (settings.side()) {
      case "null-put" ->
          Map.of("bytes", puts(Math.toIntExact(settings.number("size") / PART_SIZE)));
      case "null-get" -> Map.of("bytes", gets(settings.text("key"), settings.number("size")));
      default -> Map.of("bytes", 0L, "keys", heads(settings.count("keys")));
    };
  }

  private long puts(int parts) throws Exception {
    AtomicInteger next = new AtomicInteger();
    return inParallel(
        CONCURRENCY,
        (connection, worker) -> {
          long sent = 0;
          while (next.getAndIncrement() < parts) {
            connection.exchange("PUT", "b0/null/" + worker, PART, null);
            sent += PART.length;
          }
          return sent;
        });
  }

  private long gets(String key, long size) throws Exception {
    AtomicInteger next = new AtomicInteger();
    long ranges = (size + PART_SIZE - 1) / PART_SIZE;
    return inParallel(
        CONCURRENCY,
        (connection, worker) -> {
          long read = 0;
          for (long range; (range = next.getAndIncrement()) < ranges; ) {
            long from = range * PART_SIZE;
            long to = Math.min(size, from + PART_SIZE) - 1;
            read += connection.exchange("GET", key, null, "bytes=" + from + "-" + to);
          }
          return read;
        });
  }

  private int heads(int count) throws Exception {
    AtomicInteger next = new AtomicInteger();
    String prefix = settings.text("keyPrefix");
    inParallel(
        2 * CONCURRENCY,
        (connection, worker) -> {
          for (int i; (i = next.getAndIncrement()) < count; ) {
            connection.exchange("HEAD", prefix + i, null, null);
          }
          return 0L;
        });
    return count;
  }

  interface Job {
    long run(Connection connection, int worker) throws IOException;
  }

  private long inParallel(int workers, Job job) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Long>> results = new ArrayList<>();
      for (int i = 0; i < workers; i++) {
        int worker = i;
        results.add(
            pool.submit(
                () -> {
                  try (Connection connection = new Connection(server, tls)) {
                    return job.run(connection, worker);
                  }
                }));
      }
      long total = 0;
      for (Future<Long> result : results) {
        total += result.get();
      }
      return total;
    } finally {
      pool.shutdown();
    }
  }

  /** One keep-alive connection to the server. */
  private static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] sink = new byte[64 * 1024];
    private final Mac mac;

    Connection(InetSocketAddress server, boolean tls) throws IOException {
      Socket plain = new Socket();
      plain.setTcpNoDelay(true);
      plain.connect(server);
      socket =
          tls
              ? ((SSLSocketFactory) SSLSocketFactory.getDefault())
                  .createSocket(plain, server.getHostString(), server.getPort(), true)
              : plain;
      in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
      try {
        mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(BenchServer.SECRET_KEY.getBytes(UTF_8), "HmacSHA1"));
      } catch (Exception e) {
        throw new IllegalStateException("no HmacSHA1", e);
      }
    }

    /** Sends one request and reads its whole answer; returns the body's length. */
    long exchange(String method, String key, byte[] body, String range) throws IOException {
      String resource = "/" + BenchServer.BUCKET + "/" + key;
      String date = DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
      String signature =
          Base64.getEncoder()
              .encodeToString(
                  mac.doFinal((method + "\n\n\n" + date + "\n" + resource).getBytes(UTF_8)));
      StringBuilder head =
          new StringBuilder()
              .append(method)
              .append(' ')
              .append(resource)
              .append(" HTTP/1.1\r\nHost: 127.0.0.1\r\nDate: ")
              .append(date)
              .append("\r\nAuthorization: AWS ")
              .append(BenchServer.ACCESS_KEY)
              .append(':')
              .append(signature)
              .append("\r\n");
      if (range != null) {
        head.append("Range: ").append(range).append("\r\n");
      }
      if (body != null) {
        head.append("Content-Length: ").append(body.length).append("\r\n");
      }
      out.write(head.append("\r\n").toString().getBytes(ISO_8859_1));
      if (body != null) {
        out.write(body);
      }
      out.flush();
      String status = line();
      long length = 0;
      for (String header; !(header = line()).isEmpty(); ) {
        if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
          length = Long.parseLong(header.substring(15).trim());
        }
      }
      if (!status.startsWith("HTTP/1.1 2")) {
        throw new IOException(method + " " + resource + ": " + status);
      }
      if (method.equals("HEAD")) {
        return 0;
      }
      for (long left = length; left > 0; ) {
        int n = in.read(sink, 0, (int) Math.min(sink.length, left));
        if (n < 0) {
          throw new IOException("the server closed the body of " + resource + " early");
        }
        left -= n;
      }
      return length;
    }

    private String line() throws IOException {
      StringBuilder line = new StringBuilder();
      for (int c; (c = in.read()) != '\n'; ) {
        if (c < 0) {
          throw new IOException("the server closed the connection");
        }
        if (c != '\r') {
          line.append((char) c);
        }
      }
      return line.toString();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
