package dev.stowage.oss.server;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/** A multipart upload in progress: the final object's settings and the parts so far. */
record Upload(
    String key,
    String uploadId,
    Instant initiated,
    String contentType,
    Map<String, String> metadata,
    boolean forbidOverwrite,
    ConcurrentSkipListMap<Integer, Part> parts) {

  /** One part: bytes, quoted upper-case MD5 ETag, binary MD5, CRC-64 and upload time. */
  record Part(ObjectBytes bytes, String etag, byte[] md5, long crc64, Instant lastModified) {}
}
