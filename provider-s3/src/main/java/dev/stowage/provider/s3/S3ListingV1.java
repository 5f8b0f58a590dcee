package dev.stowage.provider.s3;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.Keys;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.provider.support.internal.ListingPages;
import dev.stowage.provider.support.internal.StoreScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsRequest;
import software.amazon.awssdk.services.s3.model.ListObjectsResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A page of the original ListObjects (V1), for servers that answer ListObjectsV2 with HTTP 501
 * ({@code s3.list-objects=v1}). Its marker is the page token: the server's NextMarker where it
 * gives one, else the last key or common prefix of the page, after which the next page starts.
 */
final class S3ListingV1 {
  private S3ListingV1() {}

  static ListPage list(
      S3Client s3,
      S3Settings settings,
      StoreScope scope,
      ListRequest request,
      ErrorContext context) {
    ListObjectsRequest.Builder list =
        ListObjectsRequest.builder()
            .bucket(settings.remote().bucket())
            .prefix(scope.fullPrefix(request.prefix(), context))
            .maxKeys(request.pageSize())
            .encodingType(EncodingType.URL);
    request.delimiter().ifPresent(list::delimiter);
    request
        .continuationToken()
        .or(() -> request.startAfter().map(after -> scope.prefix() + after))
        .ifPresent(list::marker);
    try {
      ListObjectsResponse response = s3.listObjects(list.build());
      List<ObjectInfo> objects = new ArrayList<>(response.contents().size());
      String last = null;
      for (S3Object object : response.contents()) {
        objects.add(
            ListingPages.entry(
                scope.relative(object.key()), object.size(), object.lastModified(), object.eTag()));
        last = later(last, object.key());
      }
      List<String> prefixes = new ArrayList<>(response.commonPrefixes().size());
      for (CommonPrefix common : response.commonPrefixes()) {
        prefixes.add(scope.relative(common.prefix()));
        last = later(last, common.prefix());
      }
      String next =
          Optional.ofNullable(response.nextMarker()).filter(m -> !m.isEmpty()).orElse(last);
      return ListingPages.of(
          objects, prefixes, Boolean.TRUE.equals(response.isTruncated()), next, context);
    } catch (SdkException e) {
      throw S3Errors.map(context, settings, e);
    }
  }

  private static String later(String a, String b) {
    return a == null || Keys.UTF8_ORDER.compare(b, a) > 0 ? b : a;
  }
}
