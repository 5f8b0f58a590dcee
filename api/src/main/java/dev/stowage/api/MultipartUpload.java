package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A multipart upload in progress. Immutable.
 *
 * @param key the key the upload will create, relative to the store's location
 * @param uploadId the store's id for the upload
 * @param initiated when the upload began
 */
public record MultipartUpload(String key, String uploadId, Instant initiated) {
  /**
   * Checks that nothing is null or empty.
   *
   * @param key see the record description
   * @param uploadId see the record description
   * @param initiated see the record description
   */
  public MultipartUpload {
    requireNonNull(key, "key is null");
    requireNonNull(uploadId, "uploadId is null");
    requireNonNull(initiated, "initiated is null");
    if (uploadId.isEmpty()) {
      throw new IllegalArgumentException("uploadId is empty");
    }
  }
}
