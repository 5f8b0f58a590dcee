package dev.stowage.oss.server;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/** Builds an {@link OssServer}. */
public final class OssServerBuilder {
  String accessKeyId = "LTAI" + random(8);
  String accessKeySecret = random(15);
  int port;
  Clock clock = Clock.systemUTC();
  final Set<String> domains = new HashSet<>(Set.of("localhost"));
  Path directory;
  long maxBodyBytes = 5L * 1024 * 1024 * 1024;
  Duration idleTimeout = Duration.ofSeconds(30);
  int maxConnections = 1_000;
  int maxRequests = 128;

  OssServerBuilder() {}

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
  public OssServerBuilder credentials(String id, String secret) {
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
  public OssServerBuilder port(int value) {
    this.port = value;
    return this;
  }

  /**
   * Sets the clock request times are checked against, to test clock skew.
   *
   * @param value the clock
   * @return this builder
   */
  public OssServerBuilder clock(Clock value) {
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
  public OssServerBuilder domain(String value) {
    domains.add(Objects.requireNonNull(value, "value is null").toLowerCase(Locale.ROOT));
    return this;
  }

  /**
   * Keeps buckets and objects in a directory (created if missing), so that a server started again
   * on it serves them: bodies are streamed to disk as they arrive and objects read from it, so the
   * disk, not the heap, bounds what the server holds; multipart uploads in progress are not kept
   * across a restart. By default everything is in memory.
   *
   * @param value the directory
   * @return this builder
   */
  public OssServerBuilder directory(Path value) {
    this.directory = Objects.requireNonNull(value, "value is null");
    return this;
  }

  /**
   * Sets the largest request body accepted, 5 GiB by default (OSS's limit for one PUT); a larger
   * one is refused with EntityTooLarge, from its Content-Length before a byte of it is read. Bodies
   * are held in memory, so no more than 2 GiB is accepted whatever the limit.
   *
   * @param bytes the limit
   * @return this builder
   */
  public OssServerBuilder maxBodyBytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("the body limit must not be negative: " + bytes);
    }
    this.maxBodyBytes = bytes;
    return this;
  }

  /**
   * Sets how long a connection may stay silent, idle between requests or in the middle of one,
   * before the server closes it; 30 s by default.
   *
   * @param value the timeout
   * @return this builder
   */
  public OssServerBuilder idleTimeout(Duration value) {
    this.idleTimeout = Objects.requireNonNull(value, "value is null");
    return this;
  }

  /**
   * Sets how many connections may be open at once (1,000 by default); while that many are, new ones
   * wait to be accepted. Idle connections hold no thread.
   *
   * @param count the limit
   * @return this builder
   */
  public OssServerBuilder maxConnections(int count) {
    this.maxConnections = count;
    return this;
  }

  /**
   * Sets how many requests are served at once (128 by default); as many more wait, up to the idle
   * timeout, and beyond that a request is answered 503.
   *
   * @param count the limit
   * @return this builder
   */
  public OssServerBuilder maxRequests(int count) {
    this.maxRequests = count;
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
