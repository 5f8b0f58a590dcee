package dev.stowage.provider.s3;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import dev.stowage.provider.support.internal.CopyPrimitives;
import dev.stowage.provider.support.internal.MultipartPrimitives;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.CopyObjectRequest;
import software.amazon.awssdk.services.s3.model.CopyObjectResponse;
import software.amazon.awssdk.services.s3.model.CopyObjectResult;
import software.amazon.awssdk.services.s3.model.CopyPartResult;
import software.amazon.awssdk.services.s3.model.MetadataDirective;
import software.amazon.awssdk.services.s3.model.UploadPartCopyRequest;

/**
 * S3's {@code CopyObject}: one request, the bytes stay in the store, up to 5 GiB. The new object
 * takes the write options' metadata ({@code REPLACE}), the store's encryption settings and, unless
 * checksums are sent only when required, a CRC-32C the store computes. Larger objects are copied
 * part by part with {@code UploadPartCopy}, each part conditional on the source's ETag.
 */
final class S3Copy implements CopyPrimitives {
  private final S3Context s3;
  private final boolean sendChecksums;

  S3Copy(S3Context s3) {
    this.s3 = s3;
    this.sendChecksums = !s3.settings().whenRequiredChecksums();
  }

  @Override
  public ObjectInfo copy(String sourceKey, String targetKey, WriteOptions options) {
    ErrorContext context = s3.scope().context(StorageOperation.COPY, targetKey);
    if (options.createOnly()) {
      throw new UnsupportedCapabilityException(
          context,
          "S3's CopyObject cannot be create-only. Copy through the client (the engine does when"
              + " create-only is asked).");
    }
    CopyObjectRequest.Builder request =
        CopyObjectRequest.builder()
            .sourceBucket(s3.settings().remote().bucket())
            .sourceKey(
                s3.scope().fullKey(sourceKey, s3.scope().context(StorageOperation.COPY, sourceKey)))
            .destinationBucket(s3.settings().remote().bucket())
            .destinationKey(s3.scope().fullKey(targetKey, context))
            .metadataDirective(MetadataDirective.REPLACE)
            .metadata(S3ObjectStore.metadata(options, context));
    options.contentType().ifPresent(request::contentType);
    if (sendChecksums) {
      request.checksumAlgorithm(S3Multipart.S3_CRC32C);
    }
    s3.sse().apply(request::serverSideEncryption, request::ssekmsKeyId);
    s3.sse()
        .customerKey(
            request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    s3.sse()
        .customerKey(
            request::copySourceSSECustomerAlgorithm,
            request::copySourceSSECustomerKey,
            request::copySourceSSECustomerKeyMD5);
    s3.settings().storageClass().ifPresent(request::storageClass);
    try {
      CopyObjectResponse response = s3.client().copyObject(request.build());
      ObjectInfo.Builder info = ObjectInfo.builder(targetKey);
      CopyObjectResult result = response.copyObjectResult();
      if (result != null && result.eTag() != null) {
        info.etag(result.eTag());
      }
      if (result != null && result.checksumCRC32C() != null) {
        info.checksum(ChecksumAlgorithm.CRC32C, S3ChecksumHeaders.hex(result.checksumCRC32C()));
      }
      return info.build();
    } catch (SdkException e) {
      throw S3Errors.map(context, s3.settings(), e);
    }
  }

  @Override
  public CompletedPart copyPart(
      MultipartUpload upload, int partNumber, ObjectInfo source, ByteRange range) {
    ErrorContext context = s3.scope().context(StorageOperation.COPY_PART, upload.key());
    MultipartPrimitives.requirePartNumber(partNumber, s3.scope().capabilities());
    UploadPartCopyRequest.Builder request =
        UploadPartCopyRequest.builder()
            .sourceBucket(s3.settings().remote().bucket())
            .sourceKey(
                s3.scope()
                    .fullKey(
                        source.key(), s3.scope().context(StorageOperation.COPY_PART, source.key())))
            .destinationBucket(s3.settings().remote().bucket())
            .destinationKey(s3.scope().fullKey(upload.key(), context))
            .uploadId(upload.uploadId())
            .partNumber(partNumber)
            .copySourceRange(
                "bytes=" + range.offset() + "-" + (range.offset() + range.length() - 1));
    source.etag().ifPresent(etag -> request.copySourceIfMatch(S3Etags.quote(etag)));
    s3.sse()
        .customerKey(
            request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    s3.sse()
        .customerKey(
            request::copySourceSSECustomerAlgorithm,
            request::copySourceSSECustomerKey,
            request::copySourceSSECustomerKeyMD5);
    try {
      CopyPartResult result = s3.client().uploadPartCopy(request.build()).copyPartResult();
      if (result == null || result.eTag() == null) {
        throw new PermanentStorageException(
            context, "the store answered UploadPartCopy without the part's ETag");
      }
      // only what the store answered: no size, and a checksum only if it computed one
      return new CompletedPart(
          partNumber,
          S3Etags.unquote(result.eTag()),
          CompletedPart.UNKNOWN_SIZE,
          S3Multipart.crc32c(result.checksumCRC32C()));
    } catch (SdkException e) {
      throw S3Errors.map(context, s3.settings(), e);
    }
  }
}
