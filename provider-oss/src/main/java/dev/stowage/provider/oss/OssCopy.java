package dev.stowage.provider.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.model.CopyObjectRequest;
import com.aliyun.oss.model.CopyObjectResult;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import dev.stowage.provider.support.internal.StoreScope;

/**
 * OSS's {@code CopyObject}: one request, the bytes stay in the store, up to 1 GiB. The new object
 * takes the write options' metadata and, if asked, refuses to replace an object ({@code
 * x-oss-forbid-overwrite}).
 */
final class OssCopy {
  private final StoreScope scope;
  private final OssSettings settings;
  private final OSS oss;

  OssCopy(StoreScope scope, OssSettings settings, OSS oss) {
    this.scope = scope;
    this.settings = settings;
    this.oss = oss;
  }

  ObjectInfo copy(String sourceKey, String targetKey, WriteOptions options) {
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
}
