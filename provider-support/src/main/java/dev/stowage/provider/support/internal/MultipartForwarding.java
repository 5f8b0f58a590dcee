package dev.stowage.provider.support.internal;

import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Page;
import dev.stowage.api.WriteOptions;
import java.util.List;
import java.util.Map;

/**
 * A store whose multipart methods are those of its {@link MultipartPrimitives}, so that the store
 * class holds the object operations and dispatch only.
 */
public interface MultipartForwarding extends ObjectStore {
  /**
   * Returns the store's multipart primitives.
   *
   * @return the primitives
   */
  MultipartPrimitives multipart();

  @Override
  default MultipartUpload initiateMultipart(String key, WriteOptions options) {
    return multipart().initiate(key, options);
  }

  @Override
  default CompletedPart uploadPart(MultipartUpload upload, int partNumber, Content content) {
    return uploadPart(upload, partNumber, content, Map.of());
  }

  @Override
  default CompletedPart uploadPart(
      MultipartUpload upload,
      int partNumber,
      Content content,
      Map<ChecksumAlgorithm, String> expectedChecksums) {
    if (!expectedChecksums.isEmpty()
        && !capabilities().supports(Capability.VERIFIES_EXPECTED_PART_CHECKSUMS)) {
      // refused typed, as the interface's default does: checksums are never dropped silently
      return ObjectStore.super.uploadPart(upload, partNumber, content, expectedChecksums);
    }
    MultipartPrimitives.requirePartNumber(partNumber, capabilities());
    return multipart().uploadPart(upload, new PartToUpload(partNumber, content, expectedChecksums));
  }

  @Override
  default ObjectInfo completeMultipart(MultipartUpload upload, List<CompletedPart> parts) {
    return multipart().complete(upload, parts);
  }

  @Override
  default void abortMultipart(MultipartUpload upload) {
    multipart().abort(upload);
  }

  @Override
  default Page<CompletedPart> listParts(MultipartUpload upload, String token) {
    return multipart().listParts(upload, token);
  }

  @Override
  default Page<MultipartUpload> listMultipartUploads(String prefix, String token) {
    return multipart().listUploads(prefix, token);
  }
}
