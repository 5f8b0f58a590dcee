package dev.stowage.oss.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** A bucket's objects, ordered by the UTF-8 bytes of their keys, as OSS lists them. */
final class Bucket {
  final String name;
  final ConcurrentSkipListMap<String, StoredObject> objects =
      new ConcurrentSkipListMap<>(
          (a, b) ->
              Arrays.compareUnsigned(
                  a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));

  final ConcurrentHashMap<String, Upload> uploads = new ConcurrentHashMap<>();

  Bucket(String name) {
    this.name = name;
  }
}
