package dev.stowage.replica;

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
