package dev.stowage.oss.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A bucket's objects, ordered by the UTF-8 bytes of their keys, as OSS lists them; changes go
 * through {@link #store} and {@link #remove} so that a directory, if any, follows them.
 */
final class Bucket {
  final String name;
  final ConcurrentSkipListMap<String, StoredObject> objects =
      new ConcurrentSkipListMap<>(
          (a, b) ->
              Arrays.compareUnsigned(
                  a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

  final ConcurrentHashMap<String, Upload> uploads = new ConcurrentHashMap<>();
  private final ObjectDirectory directory;

  Bucket(String name, ObjectDirectory directory) {
    this.name = name;
    this.directory = directory;
  }

  /**
   * Stores an object; with {@code forbidOverwrite}, fails with FileAlreadyExists (carrying the
   * operation's detailed error code) and keeps the existing one.
   */
  void store(String key, StoredObject object, boolean forbidOverwrite, String errorCode) {
    if (directory == null) {
      put(key, object, forbidOverwrite, errorCode);
      return;
    }
    synchronized (this) {
      put(key, object, forbidOverwrite, errorCode);
      directory.write(name, key, object);
    }
  }

  private void put(String key, StoredObject object, boolean forbidOverwrite, String errorCode) {
    if (!forbidOverwrite) {
      objects.put(key, object);
    } else if (objects.putIfAbsent(key, object) != null) {
      throw new OssError(
          409,
          "FileAlreadyExists",
          "The object you specified already exists and can not be overwritten.",
          Xml.element("EC", errorCode));
    }
  }

  void remove(String key) {
    if (directory == null) {
      objects.remove(key);
      return;
    }
    synchronized (this) {
      if (objects.remove(key) != null) {
        directory.delete(name, key);
      }
    }
  }
}
