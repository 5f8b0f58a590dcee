package dev.stowage.provider.support.internal;

import dev.stowage.api.ByteRange;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.WriteOptions;

/**
 * A store's copies within itself, in a class of their own: the {@code copy} and {@code copyPart}
 * primitives of {@link dev.stowage.api.ObjectStore}, with the same contracts.
 */
public interface CopyPrimitives {
  /**
   * Copies a whole object within the store.
   *
   * @param sourceKey the key to read
   * @param targetKey the key to write
   * @param options metadata and create-only for the new object
   * @return the store's answer for the new object
   */
  ObjectInfo copy(String sourceKey, String targetKey, WriteOptions options);

  /**
   * Copies a range of an object into a part of a multipart upload.
   *
   * @param upload the upload
   * @param partNumber the part's number
   * @param source the object to read, as described
   * @param range the bytes of it
   * @return the store's answer for the part
   */
  CompletedPart copyPart(
      MultipartUpload upload, int partNumber, ObjectInfo source, ByteRange range);
}
