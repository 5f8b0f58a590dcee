package dev.stowage.provider.support.internal;

import dev.stowage.api.ByteRange;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;

/**
 * A store whose copy methods are those of its {@link CopyPrimitives}, as {@link
 * MultipartForwarding} does for multipart uploads.
 */
public interface CopyForwarding extends ObjectStore {
  /**
   * Returns the store's copy primitives.
   *
   * @return the primitives
   */
  CopyPrimitives copies();

  @Override
  default ObjectInfo copy(String sourceKey, String targetKey, WriteOptions options) {
    return copies().copy(sourceKey, targetKey, options);
  }

  @Override
  default CompletedPart copyPart(
      MultipartUpload upload, int partNumber, ObjectInfo source, ByteRange range) {
    return copies().copyPart(upload, partNumber, source, range);
  }
}
