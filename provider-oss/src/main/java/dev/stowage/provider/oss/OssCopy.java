package dev.stowage.provider.oss;

import com.aliyun.oss.OSS;
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
import dev.stowage.provider.support.internal.StoreScope;
import java.util.List;

/**
 * OSS's {@code CopyObject}: one request, the bytes stay in the store, up to 1 GiB. The new object
 * takes the write options' metadata and, if asked, refuses to replace an object ({@code
 * x-oss-forbid-overwrite}). Larger objects are copied part by part with {@code UploadPartCopy},
 * each part conditional on the source's ETag.
 */
final class OssCopy implements CopyPrimitives {
  private final StoreScope scope;
  private final OssSettings settings;
  private final OSS oss;

  OssCopy(StoreScope scope, OssSettings settings, OSS oss) {
    this.scope = scope;
    this.settings = settings;
    this.oss = oss;
  }

  @Override
  public ObjectInfo copy(String sourceKey, String targetKey, WriteOptions options) {
    ErrorContext context = scope.context(StorageOperation.COPY, targetKey);
    CopyObjectRequest request =
        OssRequests.unlogged(
            new CopyObjectRequest(
                settings.bucket(),
                OssObjectStore.fullKey(
                    scope, sourceKey, scope.context(StorageOperation.COPY, sourceKey)),
                settings.bucket(),
                OssObjectStore.fullKey(scope, targetKey, context)));
    request.setNewObjectMetadata(OssObjectStore.metadata(options, context));
    try {
      CopyObjectResult result = OssRequests.send(() -> oss.copyObject(request));
      return OssRequests.answer(targetKey, result.getETag(), result.getServerCRC());
    } catch (RuntimeException e) {
      throw OssErrors.map(context, settings.bucket(), e);
    }
  }

  @Override
  public CompletedPart copyPart(
      MultipartUpload upload, int partNumber, ObjectInfo source, ByteRange range) {
    ErrorContext context = scope.context(StorageOperation.COPY_PART, upload.key());
    MultipartPrimitives.requirePartNumber(partNumber, scope.capabilities());
    UploadPartCopyRequest request =
        OssRequests.unlogged(
            new UploadPartCopyRequest(
                settings.bucket(),
                OssObjectStore.fullKey(
                    scope, source.key(), scope.context(StorageOperation.COPY_PART, source.key())),
                settings.bucket(),
                OssObjectStore.fullKey(scope, upload.key(), context),
                upload.uploadId(),
                partNumber,
                range.offset(),
                range.length()));
    source.etag().ifPresent(etag -> request.setMatchingETagConstraints(List.of(etag)));
    try {
      UploadPartCopyResult result = OssRequests.send(() -> oss.uploadPartCopy(request));
      // only what the store answered: its tag; OSS reports no size or checksum for a copied part
      return new CompletedPart(partNumber, result.getETag(), CompletedPart.UNKNOWN_SIZE);
    } catch (RuntimeException e) {
      throw OssErrors.map(context, settings.bucket(), e);
    }
  }
}
