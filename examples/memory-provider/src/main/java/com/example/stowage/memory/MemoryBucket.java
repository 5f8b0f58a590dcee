package com.example.stowage.memory;

import dev.stowage.api.Keys;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;

/** One bucket's objects, in UTF-8 byte order of their keys, and its multipart uploads. */
final class MemoryBucket {
  /** An object: immutable, so a reader holds either the whole old or the whole new one. */
  record StoredObject(byte[] content, Map<String, String> metadata, Instant modified, String etag) {}

  /** An upload in progress: its parts by number. */
  record Upload(
      String key,
      Map<String, String> metadata,
      boolean createOnly,
      Instant initiated,
      ConcurrentNavigableMap<Integer, StoredObject> parts) {}

  final ConcurrentNavigableMap<String, StoredObject> objects =
      new ConcurrentSkipListMap<>(Keys.UTF8_ORDER);
  final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  private final AtomicLong bytes = new AtomicLong();
  private final long maxBytes;

  MemoryBucket(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Reserves room for content; false if the bucket would exceed its limit. */
  boolean reserve(long size) {
    while (true) {
      long used = bytes.get();
      if (used + size > maxBytes) {
        return false;
      }
      if (bytes.compareAndSet(used, used + size)) {
        return true;
      }
    }
  }

  void release(long size) {
    bytes.addAndGet(-size);
  }
}
