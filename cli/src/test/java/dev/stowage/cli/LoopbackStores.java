package dev.stowage.cli;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.oss.server.OssServer;
import dev.stowage.testing.OssServerOptions;
import dev.stowage.testing.S3ProxyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A filesystem store, an {@code oss-server} and S3Proxy on loopback, for child-JVM tests. */
final class LoopbackStores implements AutoCloseable {
  static final String BUCKET = "children";

  final OssServer oss;
  final S3ProxyServer s3;

  LoopbackStores() throws IOException {
    this(OssServer.builder().build().start(), new S3ProxyServer());
  }

  /** Servers that keep their objects in files under a directory, for objects of a GiB. */
  static LoopbackStores onDisk(Path directory) throws IOException {
    return new LoopbackStores(
        OssServer.builder().directory(directory.resolve("oss")).build().start(),
        S3ProxyServer.onDisk(directory.resolve("s3")));
  }

  private LoopbackStores(OssServer oss, S3ProxyServer s3) {
    this.oss = oss;
    this.s3 = s3;
    oss.createBucket(BUCKET);
    s3.createBucket(BUCKET);
  }

  /** The three stores, the filesystem one rooted in {@code root}. */
  List<Remote> all(Path root) throws IOException {
    Files.createDirectories(root);
    return List.of(
        new Remote("file", root.toUri().toString(), Map.of(), root),
        new Remote("oss", "oss://" + BUCKET + "/", OssServerOptions.of(oss), null),
        new Remote("s3", "s3://" + BUCKET + "/", s3.options(), null));
  }

  @Override
  public void close() {
    oss.close();
    s3.close();
  }

  /** A store the child copies to and from, with the options that reach it. */
  static final class Remote {
    final String name;
    final String location;
    final Map<String, String> settings;
    final List<String> options = new ArrayList<>();

    /** The root folder of a filesystem store; null for the others. */
    final Path root;

    Remote(String name, String location, Map<String, String> settings, Path root) {
      this.name = name;
      this.location = location;
      this.settings = settings;
      this.root = root;
      settings.forEach((key, value) -> options.addAll(List.of("-o", key + "=" + value)));
    }

    String uri(String key) {
      return location + key;
    }

    /** The options followed by the arguments, as a command line. */
    List<String> command(String... arguments) {
      List<String> command = new ArrayList<>(options);
      command.addAll(List.of(arguments));
      return command;
    }

    ObjectStore open() {
      return Providers.load().open(StorageLocation.parse(location), settings);
    }
  }
}
