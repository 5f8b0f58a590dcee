package dev.stowage.hadoop;

import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageProvider;
import dev.stowage.engine.TransferEngine;
import dev.stowage.engine.TransferEngineBuilder;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;

/**
 * The store and engine behind one filesystem, opened from a Hadoop URI and configuration.
 *
 * <p>A URI's scheme is {@code stowage+SCHEME} (or a provider's own scheme, mapped to this
 * filesystem with {@code fs.SCHEME.impl}); its authority is the bucket. The provider's options are
 * the keys {@code fs.stowage.OPTION}, such as {@code fs.stowage.oss.endpoint} for the option {@code
 * oss.endpoint}; a secret option is read through Hadoop's credential providers first ({@link
 * Configuration#getPassword}). The filesystem store has no bucket: {@value #FILE_ROOT} names its
 * root directory.
 */
final class StoreBinding implements AutoCloseable {
  static final String PREFIX = "fs.stowage.";
  static final String SCHEME_PREFIX = "stowage+";
  static final String FILE_ROOT = PREFIX + "file.root";
  static final String PART_SIZE = PREFIX + "part-size";
  static final String CONCURRENCY = PREFIX + "concurrency";
  static final String MEMORY_BUDGET = PREFIX + "memory-budget";
  static final String BLOCK_SIZE = PREFIX + "block-size";
  static final long DEFAULT_BLOCK_SIZE = 128L * 1024 * 1024;

  private final ObjectStore store;
  private final TransferEngine engine;
  private final long blockSize;

  private StoreBinding(ObjectStore store, TransferEngine engine, long blockSize) {
    this.store = store;
    this.engine = engine;
    this.blockSize = blockSize;
  }

  /** Opens the store a filesystem URI names, with the options of the configuration. */
  static StoreBinding open(URI uri, Configuration conf) throws IOException {
    String scheme = providerScheme(uri.getScheme());
    Providers providers = Providers.load(StoreBinding.class.getClassLoader());
    StorageProvider provider = HadoopErrors.translated(() -> providers.provider(scheme));
    StorageLocation location = location(scheme, uri, conf);
    Map<String, String> options = options(provider, conf);
    TransferEngine engine = engine(conf);
    try {
      ObjectStore store;
      try {
        store = providers.open(location, options);
      } catch (InvalidConfigException e) {
        throw new IOException(
            e.getMessage()
                + " In Hadoop's configuration each option OPTION is the key "
                + PREFIX
                + "OPTION (here "
                + PREFIX
                + scheme
                + ".*).",
            e);
      } catch (StorageException e) {
        throw HadoopErrors.translate(e);
      }
      return new StoreBinding(store, engine, conf.getLongBytes(BLOCK_SIZE, DEFAULT_BLOCK_SIZE));
    } catch (IOException | RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  ObjectStore store() {
    return store;
  }

  TransferEngine engine() {
    return engine;
  }

  long blockSize() {
    return blockSize;
  }

  /** Returns the provider's scheme of a filesystem scheme: {@code stowage+oss} and {@code oss}. */
  static String providerScheme(String uriScheme) {
    String scheme = uriScheme == null ? "" : uriScheme.toLowerCase(Locale.ROOT);
    return scheme.startsWith(SCHEME_PREFIX) ? scheme.substring(SCHEME_PREFIX.length()) : scheme;
  }

  private static StorageLocation location(String scheme, URI uri, Configuration conf)
      throws IOException {
    if (!scheme.equals(StorageLocation.FILE_SCHEME)) {
      String bucket = uri.getAuthority();
      if (bucket == null || bucket.isEmpty()) {
        throw new IOException(
            "the path " + uri + " names no bucket. Write " + uri.getScheme() + "://BUCKET/path.");
      }
      return HadoopErrors.translated(() -> StorageLocation.parse(scheme + "://" + bucket));
    }
    String root = conf.getTrimmed(FILE_ROOT, "");
    if (root.isEmpty()) {
      throw new IOException(
          "the filesystem store needs a root directory for "
              + uri
              + ". Set "
              + FILE_ROOT
              + " to a local directory; paths are then keys under it.");
    }
    return HadoopErrors.translated(() -> StorageLocation.parse(root));
  }

  /** Collects the provider's options from the configuration, secrets through its providers. */
  private static Map<String, String> options(StorageProvider provider, Configuration conf)
      throws IOException {
    String scheme = provider.scheme();
    Map<String, String> options = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry :
        conf.getPropsWithPrefix(PREFIX + scheme + ".").entrySet()) {
      String key = scheme + "." + entry.getKey();
      if (!(PREFIX + key).equals(FILE_ROOT)) {
        options.put(key, entry.getValue());
      }
    }
    for (String secret : provider.secretKeys()) {
      char[] value = conf.getPassword(PREFIX + secret);
      if (value != null) {
        options.put(secret, new String(value));
      }
    }
    return options;
  }

  private static TransferEngine engine(Configuration conf) throws IOException {
    TransferEngineBuilder builder = TransferEngine.builder();
    try {
      builder.partSize(conf.getLongBytes(PART_SIZE, TransferEngine.DEFAULT_PART_SIZE));
      builder.concurrency(conf.getInt(CONCURRENCY, TransferEngine.DEFAULT_CONCURRENCY));
      builder.memoryBudget(conf.getLongBytes(MEMORY_BUDGET, TransferEngine.DEFAULT_MEMORY_BUDGET));
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "an engine setting is invalid: "
              + e.getMessage()
              + ". Check "
              + PART_SIZE
              + ", "
              + CONCURRENCY
              + " and "
              + MEMORY_BUDGET
              + ".",
          e);
    }
    return builder.build();
  }

  @Override
  public void close() {
    try {
      store.close();
    } finally {
      engine.close();
    }
  }
}
