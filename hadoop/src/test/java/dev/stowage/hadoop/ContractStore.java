package dev.stowage.hadoop;

import dev.stowage.oss.server.OssServer;
import dev.stowage.testing.OssServerOptions;
import dev.stowage.testing.S3ProxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The stores the adapter's tests run against, each a real one on loopback: the filesystem store in
 * a temporary folder, S3Proxy and oss-server. Each server starts once per test JVM, on first use,
 * and stops when the JVM ends.
 */
enum ContractStore {
  FILE("stowage+file:///"),
  S3("stowage+s3://contract/"),
  OSS("stowage+oss://contract/");

  static final String BUCKET = "contract";

  private final URI uri;

  ContractStore(String uri) {
    this.uri = URI.create(uri);
  }

  URI uri() {
    return uri;
  }

  /** Adds the implementation and the store's options to a configuration. */
  Configuration configure(Configuration conf) {
    conf.set("fs." + uri.getScheme() + ".impl", StowageFileSystem.class.getName());
    for (Map.Entry<String, String> option : options().entrySet()) {
      conf.set(StoreBinding.PREFIX + option.getKey(), option.getValue());
    }
    return conf;
  }

  Map<String, String> options() {
    return switch (this) {
      case FILE -> Map.of("file.root", Servers.fileRoot().toString());
      case S3 -> Servers.s3().options();
      case OSS -> OssServerOptions.of(Servers.oss());
    };
  }

  /** The oss-server behind {@link #OSS}, for tests that count its requests. */
  static OssServer ossServer() {
    return Servers.oss();
  }

  /** The servers, started once each when first asked for. */
  private static final class Servers {
    private static Path fileRoot;
    private static S3ProxyServer s3;
    private static OssServer oss;

    static synchronized Path fileRoot() {
      if (fileRoot == null) {
        try {
          fileRoot = Files.createTempDirectory("stowage-hadoop-");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return fileRoot;
    }

    static synchronized S3ProxyServer s3() {
      if (s3 == null) {
        s3 = new S3ProxyServer();
        s3.createBucket(BUCKET);
        Runtime.getRuntime().addShutdownHook(new Thread(s3::close));
      }
      return s3;
    }

    static synchronized OssServer oss() {
      if (oss == null) {
        try {
          oss = OssServer.builder().build().start();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        oss.createBucket(BUCKET);
        Runtime.getRuntime().addShutdownHook(new Thread(oss::close));
      }
      return oss;
    }
  }
}
