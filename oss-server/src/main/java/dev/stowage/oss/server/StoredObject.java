package dev.stowage.oss.server;

import java.time.Instant;
import java.util.Map;

/** One object's bytes and what OSS returns about them. Immutable. */
record StoredObject(
    ObjectBytes bytes,
    String contentType,
    Map<String, String> metadata,
    String etag,
    long crc64,
    String contentMd5,
    String objectType,
    Instant lastModified) {

  /** The same object with its bytes held elsewhere. */
  StoredObject withBytes(ObjectBytes moved) {
    return new StoredObject(
        moved, contentType, metadata, etag, crc64, contentMd5, objectType, lastModified);
  }
}
