package dev.stowage.provider.oss;

import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CopyObjectResult;
import com.aliyun.oss.model.UploadPartCopyRequest;
import com.aliyun.oss.model.UploadPartCopyResult;
import dev.stowage.api.ByteRange;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import dev.stowage.provider.support.internal.CopyPrimitives;
import dev.stowage.provider.support.internal.MultipartPrimitives;
import java.util.List;

/**
 * OSS's {@code CopyObject}: one request, the bytes stay in the store, up to 1 GiB. The new object
 * takes the write options' metadata and, if asked, refuses to replace an object ({@code
 * x-oss-forbid-overwrite}). Larger objects are copied part by part with {@code UploadPartCopy},
 * each part conditional on the source's ETag.
 */
final class OssCopy implements CopyPrimitives {
  private final OssContext oss;

  OssCopy(OssContext oss) {
    this.oss = oss;
  }

  @Override
  public ObjectInfo copy(String sourceKey, String targetKey, WriteOptions options) {
    ErrorContext context = oss.scope().context(StorageOperation.COPY, targetKey);
    CopyObjectRequest request =
        OssRequests.unlogged(
            new CopyObjectRequest(
                oss.settings().remote().bucket(),
                OssObjectStore.fullKey(
                    oss.scope(), sourceKey, oss.scope().context(StorageOperation.COPY, sourceKey)),
                oss.settings().remote().bucket(),
                OssObjectStore.fullKey(oss.scope(), targetKey, context)));
    request.setNewObjectMetadata(OssObjectStore.metadata(options, context));
    try {
      CopyObjectResult result = OssRequests.send(() -> oss.client().copyObject(request));
      return OssRequests.answer(targetKey, result.getETag(), result.getServerCRC());
    } catch (RuntimeException e) {
      throw OssErrors.map(context, oss.settings().remote().bucket(), e);
    }
  }

  @Override
  public CompletedPart copyPart(
      MultipartUpload upload, int partNumber, ObjectInfo source, ByteRange range) {
    ErrorContext context = oss.scope().context(StorageOperation.COPY_PART, upload.key());
    MultipartPrimitives.requirePartNumber(partNumber, oss.scope().capabilities());
    UploadPartCopyRequest request =
        OssRequests.unlogged(
            new UploadPartCopyRequest(
                oss.settings().remote().bucket(),
                OssObjectStore.fullKey(
                    oss.scope(),
                    source.key(),
                    oss.scope().context(StorageOperation.COPY_PART, source.key())),
                oss.settings().remote().bucket(),
                OssObjectStore.fullKey(oss.scope(), upload.key(), context),
                upload.uploadId(),
                partNumber,
                range.offset(),
                range.length()));
    source.etag().ifPresent(etag -> request.setMatchingETagConstraints(List.of(etag)));
    try {
      UploadPartCopyResult result = OssRequests.send(() -> oss.client().uploadPartCopy(request));
      // only what the store answered: its tag; OSS reports no size or checksum for a copied part
      return new CompletedPart(partNumber, result.getETag(), CompletedPart.UNKNOWN_SIZE);
    } catch (RuntimeException e) {
      throw OssErrors.map(context, oss.settings().remote().bucket(), e);
    }
  }
}
