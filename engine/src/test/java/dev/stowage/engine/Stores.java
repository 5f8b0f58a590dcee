package dev.stowage.engine;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.oss.server.OssServer;
import dev.stowage.testing.OssServerOptions;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;

/**
 * Real stores for the engine's tests, and those of modules built on it: the filesystem provider,
 * and provider-oss on oss-server.
 */
public final class Stores {
  private Stores() {}

  /**
   * Opens a filesystem store.
   *
   * @param root its root directory
   * @return the store
   */
  public static ObjectStore filesystem(Path root) {
    return Providers.load().open(StorageLocation.of(root), Map.of());
  }

  /**
   * Opens an OSS store on a bucket of the server (created if missing), with the client's own
   * retries off.
   *
   * @param server the server
   * @param bucket the bucket
   * @param prefix the store's path in the bucket
   * @return the store
   */
  public static ObjectStore oss(OssServer server, String bucket, String prefix) {
    if (!server.hasBucket(bucket)) {
      server.createBucket(bucket);
    }
    StorageLocation location = StorageLocation.parse("oss://" + bucket + "/" + prefix);
    Map<String, String> options = new HashMap<>(OssServerOptions.of(server));
    options.put("oss.max-error-retry", "0");
    return Providers.load()
        .provider("oss")
        .open(location, ProviderConfig.of(options).withLocationParameters(location));
  }

  static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    return bytes;
  }

  static byte[] read(ObjectStore store, String key) throws IOException {
    try (InputStream in = store.get(key, ByteRange.ALL)) {
      return in.readAllBytes();
    }
  }

  /** A stream that hides its length and hands out odd-sized reads. */
  static InputStream unknownLength(byte[] content) {
    return new FilterInputStream(new ByteArrayInputStream(content)) {
      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        return super.read(b, off, Math.min(len, 7_777));
      }

      @Override
      public int available() {
        return 0;
      }
    };
  }
}
