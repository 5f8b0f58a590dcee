package dev.stowage.cli;

import dev.stowage.api.StorageLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a command-line location names: a store and a key in it. For a local path the store is the
 * directory (the path itself if it is a directory or ends with {@code /}, else its parent); for a
 * URI it is the bucket and the key is the path. A target is a directory when its key is empty or
 * ends with {@code /}.
 */
record Target(StorageLocation store, String key, String text) {
  static Target parse(String text) {
    StorageLocation location = StorageLocation.parse(text);
    if (location.localPath().isPresent()) {
      Path path = location.localPath().get();
      if (text.endsWith("/") || Files.isDirectory(path) || path.getParent() == null) {
        return new Target(location, "", text);
      }
      return new Target(
          location.withPath(path.getParent().toString()), path.getFileName().toString(), text);
    }
    return new Target(location.withPath(""), location.path(), text);
  }

  /** Parses a location that must name one object, not a directory. */
  static Target parseObject(String text) {
    Target target = parse(text);
    if (target.isDirectory()) {
      throw Stowage.CliException.usage(
          text + " names a directory, not an object. Use 'stowage ls'.");
    }
    return target;
  }

  /** Whether this is a local path given as such, not as a {@code file://} location. */
  boolean isPlainPath() {
    return store.localPath().isPresent() && !text.regionMatches(true, 0, "file:", 0, 5);
  }

  /** Whether this names a local folder that exists (copying an empty one copies nothing). */
  boolean isExistingLocalFolder() {
    return localFolder().filter(Files::isDirectory).isPresent();
  }

  /** The local folder this target names taken as a directory; empty for a remote store. */
  Optional<Path> localFolder() {
    return store.localPath().map(root -> root.resolve(directoryPrefix()));
  }

  /** Whether this target is on this machine's file system. */
  boolean isLocal() {
    return store.localPath().isPresent();
  }

  boolean isDirectory() {
    return key.isEmpty() || key.endsWith("/");
  }

  /** The prefix of every key under this target taken as a directory. */
  String directoryPrefix() {
    return isDirectory() ? key : key + "/";
  }

  /** The key's last segment. */
  String name() {
    String trimmed = key.endsWith("/") ? key.substring(0, key.length() - 1) : key;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** Where the key lives, for messages: the store's location with the key appended. */
  String describe() {
    String root = store.toString();
    int query = root.indexOf('?');
    String base = query < 0 ? root : root.substring(0, query);
    String separator = base.endsWith("/") || key.isEmpty() ? "" : "/";
    return base + separator + key + (query < 0 ? "" : root.substring(query));
  }
}
