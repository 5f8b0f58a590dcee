package dev.stowage.engine;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import java.io.InputStream;

/**
 * A store's object, or a range of it, as replayable content: every open reads it again, and a slice
 * is a ranged read, so the parts of a copy are read in parallel.
 */
final class StoreContent implements Content {
  private final ObjectStore store;
  private final String key;
  private final long objectSize;
  private final long offset;
  private final long length;

  StoreContent(ObjectStore store, String key, long objectSize, long offset, long length) {
    this.store = store;
    this.key = key;
    this.objectSize = objectSize;
    this.offset = offset;
    this.length = length;
  }

  @Override
  public long length() {
    return length;
  }

  @Override
  public InputStream open() {
    if (offset == 0 && length == objectSize) {
      return store.get(key, ByteRange.ALL);
    }
    if (length == 0) {
      return InputStream.nullInputStream();
    }
    return store.get(key, new ByteRange(offset, length));
  }

  @Override
  public Content slice(long from, long count) {
    if (from < 0 || count < 0 || from > length - count) {
      return Content.super.slice(from, count); // throws with the standard message
    }
    return new StoreContent(store, key, objectSize, offset + from, count);
  }

  @Override
  public String toString() {
    return "Content[" + length + " bytes of " + key + " from " + offset + "]";
  }
}
