package dev.stowage.engine;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Content;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import java.io.InputStream;

/**
 * A store's object as replayable content: every open reads it again, and a slice is a ranged read,
 * so the parts of a copy are read in parallel.
 */
final class StoreRanges {
  private StoreRanges() {}

  static Content of(ObjectStore store, ObjectInfo object) {
    String key = object.key();
    long size = object.size();
    return Content.ofRanges(
        size,
        key,
        (offset, length) -> {
          if (offset == 0 && length == size) {
            return store.get(key, ByteRange.ALL);
          }
          if (length == 0) {
            return InputStream.nullInputStream();
          }
          return store.get(key, new ByteRange(offset, length));
        });
  }
}
