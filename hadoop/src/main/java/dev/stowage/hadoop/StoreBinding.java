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
  static final String READAHEAD = PREFIX + "readahead";
  static final String VECTORED_MIN_SEEK = PREFIX + "vectored.read.min-seek";
  static final String VECTORED_MAX_MERGED = PREFIX + "vectored.read.max-merged";
  static final long DEFAULT_BLOCK_SIZE = 128L * 1024 * 1024;
  static final long DEFAULT_VECTORED_MIN_SEEK = 128 * 1024;
  static final long DEFAULT_VECTORED_MAX_MERGED = 2 * 1024 * 1024;

  private final ObjectStore store;
  private final TransferEngine engine;
  private final long blockSize;
  private final long readAhead;
  private final VectoredReads vectoredReads;

  private StoreBinding(
      ObjectStore store,
      TransferEngine engine,
      long blockSize,
      long readAhead,
      VectoredReads vectoredReads) {
    this.store = store;
    this.engine = engine;
    this.blockSize = blockSize;
    this.readAhead = readAhead;
    this.vectoredReads = vectoredReads;
  }

  /** Opens the store a filesystem URI names, with the options of the configuration. */
  static StoreBinding open(URI uri, Configuration conf) throws IOException {
    String scheme = providerScheme(uri.getScheme());
    Providers providers = Providers.load(StoreBinding.class.getClassLoader());
    StorageProvider provider = HadoopErrors.translated(() -> providers.provider(scheme));
    StorageLocation location = location(scheme, uri, conf);
    Map<String, String> options = options(provider, conf);
    ReadSettings readSettings = ReadSettings.of(conf);
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
      return new StoreBinding(
          store,
          engine,
          conf.getLongBytes(BLOCK_SIZE, DEFAULT_BLOCK_SIZE),
          readSettings.readAhead(),
          new VectoredReads(
              readSettings.minSeek(),
              readSettings.maxMerged(),
              conf.getInt(CONCURRENCY, TransferEngineBuilder.DEFAULT_CONCURRENCY)));
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

  /** The read-ahead of a file opened for reading: 0 reads from the position to the end. */
  long readAhead() {
    return readAhead;
  }

  VectoredReads vectoredReads() {
    return vectoredReads;
  }

  /** The read settings, checked before anything is opened. */
  private record ReadSettings(long readAhead, int minSeek, int maxMerged) {
    static ReadSettings of(Configuration conf) throws IOException {
      long readAhead = conf.getLongBytes(READAHEAD, 0);
      long minSeek = conf.getLongBytes(VECTORED_MIN_SEEK, DEFAULT_VECTORED_MIN_SEEK);
      long maxMerged = conf.getLongBytes(VECTORED_MAX_MERGED, DEFAULT_VECTORED_MAX_MERGED);
      if (readAhead < 0) {
        throw new IOException(
            READAHEAD + " must be 0 (read to the end) or more bytes: " + readAhead);
      }
      if (minSeek < 0 || minSeek > Integer.MAX_VALUE) {
        throw new IOException(VECTORED_MIN_SEEK + " must be 0 bytes to 2 GiB: " + minSeek);
      }
      if (maxMerged < 1 || maxMerged > Integer.MAX_VALUE - 8) {
        throw new IOException(VECTORED_MAX_MERGED + " must be 1 byte to 2 GiB: " + maxMerged);
      }
      return new ReadSettings(readAhead, (int) minSeek, (int) maxMerged);
    }
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
      builder.partSize(conf.getLongBytes(PART_SIZE, TransferEngineBuilder.DEFAULT_PART_SIZE));
      builder.concurrency(conf.getInt(CONCURRENCY, TransferEngineBuilder.DEFAULT_CONCURRENCY));
      builder.memoryBudget(
          conf.getLongBytes(MEMORY_BUDGET, TransferEngineBuilder.DEFAULT_MEMORY_BUDGET));
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
      vectoredReads.close();
      store.close();
    } finally {
      engine.close();
    }
  }
}
