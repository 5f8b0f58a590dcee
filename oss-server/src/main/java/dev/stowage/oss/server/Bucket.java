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
      if (!forbidOverwrite) {
        objects.put(key, object);
      } else if (objects.putIfAbsent(key, object) != null) {
        throw exists(errorCode);
      }
      return;
    }
    try {
      synchronized (this) {
        if (forbidOverwrite && objects.containsKey(key)) {
          throw exists(errorCode);
        }
        objects.put(key, directory.write(name, key, object));
      }
    } finally {
      object.bytes().discard(); // the body as received, now in the object's own file
    }
  }

  /**
   * Looks an object up and opens a range of it in one step, so that an overwrite cannot come
   * between the two; the range is chosen from the object.
   */
  synchronized <T> T read(String key, java.util.function.Function<StoredObject, T> reader) {
    return reader.apply(objects.get(key));
  }

  private static OssError exists(String errorCode) {
    return new OssError(
        409,
        "FileAlreadyExists",
        "The object you specified already exists and can not be overwritten.",
        Xml.element("EC", errorCode));
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
