package dev.stowage.hadoop;

import java.net.URI;
import org.apache.hadoop.fs.Path;

/**
 * Maps Hadoop paths to object keys and back. The filesystem's root is the store's root: {@code
 * stowage+oss://bucket/a/b} is the key {@code a/b}. A directory is a key prefix; an empty directory
 * made by {@code mkdirs} is held by a marker object inside it, {@value #MARKER}, which listings
 * leave out.
 */
final class ObjectPaths {
  /** The name of the object that keeps an empty directory, inside it. */
  static final String MARKER = "_$folder$";

  private final URI uri;

  ObjectPaths(URI uri) {
    this.uri = uri;
  }

  /** Returns the key of a path, made absolute against the working directory; "" for the root. */
  String key(Path path, Path workingDirectory) {
    Path qualified = path.makeQualified(uri, workingDirectory);
    String text = qualified.toUri().getPath();
    int start = 0;
    while (start < text.length() && text.charAt(start) == '/') {
      start++;
    }
    int end = text.length();
    while (end > start && text.charAt(end - 1) == '/') {
      end--;
    }
    return text.substring(start, end);
  }

  /** Returns the path of a key; the root for "". */
  Path path(String key) {
    return new Path(uri.getScheme(), uri.getAuthority(), "/" + key);
  }

  /** Returns the listing prefix of the directory at a key: "" for the root, else key + "/". */
  static String prefix(String key) {
    return key.isEmpty() ? "" : key + "/";
  }

  /** Returns the key of the marker that keeps the directory at a key. */
  static String marker(String key) {
    return prefix(key) + MARKER;
  }

  /** Returns whether a listed key is a directory marker. */
  static boolean isMarker(String key) {
    return key.equals(MARKER) || key.endsWith("/" + MARKER);
  }

  /** Returns the key of the parent directory, "" for a top-level key. */
  static String parent(String key) {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? "" : key.substring(0, slash);
  }
}
