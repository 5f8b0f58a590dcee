package dev.stowage.replica;

import dev.stowage.api.Capability;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectStore;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where a replica's LTX files live under its path, as Litestream lays them out for each backend.
 * Either layout names files {@code %016x-%016x.ltx} by their transaction range.
 */
public enum ReplicaLayout {
  /**
   * Litestream's {@code s3} and {@code oss} layout: each level a directory of four lower-case hex
   * digits directly under the path, such as {@code 0009/0000000000000001-00000000000000ff.ltx}.
   */
  OBJECT_STORE {
    @Override
    String levelPrefix(int level) {
      return String.format(Locale.ROOT, "%04x/", level);
    }

    @Override
    String root() {
      return "";
    }

    @Override
    Optional<Integer> level(String directory) {
      return directory.matches("[0-9a-f]{4}")
          ? Optional.of(Integer.parseInt(directory, 16))
          : Optional.empty();
    }
  },

  /**
   * Litestream's {@code s3} layout for a replica at a bucket's root (an empty path): Litestream
   * joins the path, a {@code /} and the level, so every key starts with {@code /}, such as {@code
   * /0009/0000000000000001-00000000000000ff.ltx}. Needs a store with {@link
   * Capability#LEADING_SLASH_KEYS}.
   */
  OBJECT_STORE_AT_BUCKET_ROOT {
    @Override
    String levelPrefix(int level) {
      return root() + OBJECT_STORE.levelPrefix(level);
    }

    @Override
    String root() {
      return "/";
    }

    @Override
    Optional<Integer> level(String directory) {
      return OBJECT_STORE.level(directory);
    }
  },

  /**
   * Litestream's {@code file} layout (also its gs, abs, sftp, webdav and nats one): each level a
   * decimal directory under {@code ltx/}, such as {@code
   * ltx/9/0000000000000001-00000000000000ff.ltx}.
   */
  DIRECTORY {
    @Override
    String levelPrefix(int level) {
      return root() + level + "/";
    }

    @Override
    String root() {
      return "ltx/";
    }

    @Override
    Optional<Integer> level(String directory) {
      return directory.matches("0|[1-9][0-9]{0,4}")
              && Integer.parseInt(directory) <= LtxFile.MAX_LEVEL
          ? Optional.of(Integer.parseInt(directory))
          : Optional.empty();
    }
  };

  private static final Set<String> DIRECTORY_SCHEMES =
      Set.of("file", "gs", "abs", "sftp", "webdav", "nats");

  /**
   * Returns the layout Litestream uses for a URI scheme: {@link #DIRECTORY} for {@code file} and
   * the other backends that use it, {@link #OBJECT_STORE} for {@code s3}, {@code oss} and any
   * scheme Litestream does not know (a third party's provider).
   *
   * @param scheme a URI scheme such as {@code s3}
   * @return the layout
   */
  public static ReplicaLayout forScheme(String scheme) {
    return DIRECTORY_SCHEMES.contains(scheme.toLowerCase(Locale.ROOT)) ? DIRECTORY : OBJECT_STORE;
  }

  /**
   * Returns the layout of the replica at a store's location: {@link #forScheme} of its scheme, but
   * for a replica at the root of a bucket whose store holds keys that start with {@code /}, the
   * layout Litestream writes there, {@link #OBJECT_STORE_AT_BUCKET_ROOT}, unless the root holds an
   * earlier replica in {@link #OBJECT_STORE} alone, which is then read and written as it is. Lists
   * the bucket's root (one page or two) for that choice only.
   *
   * @param store the store whose location is the replica's path
   * @return the layout
   * @throws dev.stowage.api.StorageException if the choice needs a listing that fails
   */
  public static ReplicaLayout forStore(ObjectStore store) {
    ReplicaLayout layout = forScheme(store.location().scheme());
    if (layout != OBJECT_STORE
        || !store.location().path().isEmpty()
        || !store.capabilities().supports(Capability.LEADING_SLASH_KEYS)) {
      return layout;
    }
    return OBJECT_STORE.holdsALevel(store) && !OBJECT_STORE_AT_BUCKET_ROOT.holdsALevel(store)
        ? OBJECT_STORE
        : OBJECT_STORE_AT_BUCKET_ROOT;
  }

  private boolean holdsALevel(ObjectStore store) {
    ListRequest request = ListRequest.builder().prefix(root()).delimiter("/").build();
    while (true) {
      ListPage page = store.list(request);
      for (String prefix : page.commonPrefixes()) {
        if (level(prefix.substring(root().length(), prefix.length() - 1)).isPresent()) {
          return true;
        }
      }
      if (page.nextToken().isEmpty()) {
        return false;
      }
      request = request.next(page.nextToken().get());
    }
  }

  /** Returns the prefix of every key of the replica: what "delete all" empties. */
  String replicaPrefix() {
    return this == OBJECT_STORE_AT_BUCKET_ROOT ? root() : "";
  }

  /** Returns the key prefix of a level's files, ending with {@code /}. */
  abstract String levelPrefix(int level);

  /**
   * Returns the key prefix under which the level directories are, empty or ending with {@code /}.
   */
  abstract String root();

  /** Returns the level a directory name under {@link #root()} stands for, if it is one. */
  abstract Optional<Integer> level(String directory);

  /**
   * Returns the key of a file, relative to the replica's path.
   *
   * @param level the level
   * @param minTxid the first transaction
   * @param maxTxid the last transaction
   * @return the key, such as {@code 0009/0000000000000001-00000000000000ff.ltx}
   * @throws IllegalArgumentException if the level or range is not valid
   */
  public String key(int level, long minTxid, long maxTxid) {
    LtxFile.requireValidRange(level, minTxid, maxTxid);
    return levelPrefix(level) + LtxFile.name(minTxid, maxTxid);
  }
}
