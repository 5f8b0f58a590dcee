package dev.stowage.provider.s3;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.Page;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import dev.stowage.provider.support.internal.MultipartPrimitives;
import dev.stowage.provider.support.internal.PartListingToken;
import dev.stowage.provider.support.internal.PartToUpload;
import dev.stowage.provider.support.internal.UploadListingToken;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListPartsRequest;
import software.amazon.awssdk.services.s3.model.ListPartsResponse;
import software.amazon.awssdk.services.s3.model.Part;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The multipart primitives of {@link S3ObjectStore}, each one S3 request. Everything completion
 * needs travels in the {@link MultipartUpload} handle (create-only included), so an upload begun by
 * one store instance can be continued and completed by another.
 */
final class S3Multipart implements MultipartPrimitives {
  static final String S3_CRC32C = "CRC32C";

  private final S3Context s3;
  private final boolean sendChecksums;

  S3Multipart(S3Context s3) {
    this.s3 = s3;
    this.sendChecksums = !s3.settings().whenRequiredChecksums();
  }

  @Override
  public MultipartUpload initiate(String key, WriteOptions options) {
    ErrorContext context = s3.scope().context(StorageOperation.INITIATE_MULTIPART, key);
    Map<String, String> metadata = S3ObjectStore.metadata(options, context);
    S3ObjectStore.requireConditional(s3.scope().capabilities(), options, context);
    CreateMultipartUploadRequest.Builder request =
        CreateMultipartUploadRequest.builder()
            .bucket(s3.settings().remote().bucket())
            .key(s3.scope().fullKey(key, context))
            .metadata(metadata);
    options.contentType().ifPresent(request::contentType);
    if (sendChecksums) {
      request.checksumAlgorithm(S3_CRC32C);
    }
    s3.sse().apply(request::serverSideEncryption, request::ssekmsKeyId);
    s3.sse()
        .customerKey(
            request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    s3.settings().storageClass().ifPresent(request::storageClass);
    try {
      String uploadId = s3.client().createMultipartUpload(request.build()).uploadId();
      return MultipartUpload.builder(key, uploadId).createOnly(options.createOnly()).build();
    } catch (SdkException e) {
      throw S3Errors.map(context, s3.settings(), e);
    }
  }

  @Override
  public CompletedPart uploadPart(MultipartUpload upload, PartToUpload part) {
    ErrorContext context = s3.scope().context(StorageOperation.UPLOAD_PART, upload.key());
    UploadPartRequest.Builder request =
        UploadPartRequest.builder()
            .bucket(s3.settings().remote().bucket())
            .key(s3.scope().fullKey(upload.key(), context))
            .uploadId(upload.uploadId())
            .partNumber(part.number())
            .contentLength(part.content().length());
    String expected = part.expectedChecksums().get(ChecksumAlgorithm.CRC32C);
    if (sendChecksums && expected != null) {
      // the value up front: the store refuses a part whose bytes do not match it (BadDigest)
      request.checksumCRC32C(S3ChecksumHeaders.base64(expected));
    } else if (sendChecksums) {
      request.checksumAlgorithm(S3_CRC32C);
    }
    s3.sse()
        .customerKey(
            request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    RequestBodies body = new RequestBodies(part.content());
    try {
      UploadPartResponse response =
          body.send(
              () ->
                  s3.client().uploadPart(request.build(), body.requestBody(WriteOptions.DEFAULTS)));
      // only what the store answered: no size, and a checksum only if it took one
      return new CompletedPart(
          part.number(),
          S3Etags.unquote(response.eTag()),
          CompletedPart.UNKNOWN_SIZE,
          crc32c(response.checksumCRC32C()));
    } catch (SdkException e) {
      throw RequestBodies.mapFailure(s3.client(), s3.settings(), context, e);
    }
  }

  @Override
  public ObjectInfo complete(MultipartUpload upload, List<CompletedPart> parts) {
    ErrorContext context = s3.scope().context(StorageOperation.COMPLETE_MULTIPART, upload.key());
    List<software.amazon.awssdk.services.s3.model.CompletedPart> s3Parts =
        new ArrayList<>(parts.size());
    // every part's CRC-32C or none: a server that lists parts without one (S3Proxy) refuses a
    // completion that names the CRC of some parts only, as after a resume
    boolean crcs =
        sendChecksums
            && parts.stream().allMatch(p -> p.checksums().containsKey(ChecksumAlgorithm.CRC32C));
    for (CompletedPart part : parts) {
      software.amazon.awssdk.services.s3.model.CompletedPart.Builder s3Part =
          software.amazon.awssdk.services.s3.model.CompletedPart.builder()
              .partNumber(part.partNumber())
              .eTag(part.etag());
      String crc = part.checksums().get(ChecksumAlgorithm.CRC32C);
      if (crcs) {
        s3Part.checksumCRC32C(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(crc)));
      }
      s3Parts.add(s3Part.build());
    }
    CompleteMultipartUploadRequest.Builder request =
        CompleteMultipartUploadRequest.builder()
            .bucket(s3.settings().remote().bucket())
            .key(s3.scope().fullKey(upload.key(), context))
            .uploadId(upload.uploadId())
            .multipartUpload(CompletedMultipartUpload.builder().parts(s3Parts).build());
    if (upload.createOnly()) {
      request.ifNoneMatch("*");
    }
    s3.sse()
        .customerKey(
            request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    try {
      CompleteMultipartUploadResponse response =
          s3.client().completeMultipartUpload(request.build());
      // only what the store answered: no size; a whole-object CRC-32C only where the store
      // computed one (a composite of the parts' sums is no checksum of the bytes)
      ObjectInfo.Builder info = ObjectInfo.builder(upload.key());
      if (response.eTag() != null) {
        info.etag(response.eTag());
      }
      if (response.checksumCRC32C() != null
          && response.checksumType() == ChecksumType.FULL_OBJECT) {
        info.checksum(ChecksumAlgorithm.CRC32C, S3ChecksumHeaders.hex(response.checksumCRC32C()));
      }
      return info.build();
    } catch (SdkException e) {
      throw S3Errors.map(context, s3.settings(), e);
    }
  }

  @Override
  public void abort(MultipartUpload upload) {
    ErrorContext context = s3.scope().context(StorageOperation.ABORT_MULTIPART, upload.key());
    try {
      s3.client()
          .abortMultipartUpload(
              AbortMultipartUploadRequest.builder()
                  .bucket(s3.settings().remote().bucket())
                  .key(s3.scope().fullKey(upload.key(), context))
                  .uploadId(upload.uploadId())
                  .build());
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw S3Errors.map(context, s3.settings(), e);
      }
    } catch (SdkException e) {
      throw S3Errors.map(context, s3.settings(), e);
    }
  }

  @Override
  public Page<CompletedPart> listParts(MultipartUpload upload, String token) {
    ErrorContext context = s3.scope().context(StorageOperation.LIST_PARTS, upload.key());
    ListPartsRequest.Builder request =
        ListPartsRequest.builder()
            .bucket(s3.settings().remote().bucket())
            .key(s3.scope().fullKey(upload.key(), context))
            .uploadId(upload.uploadId());
    int marker = PartListingToken.decode(token);
    if (marker > 0) {
      request.partNumberMarker(marker);
    }
    s3.sse()
        .customerKey(
            request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    try {
      ListPartsResponse response = s3.client().listParts(request.build());
      List<CompletedPart> parts = new ArrayList<>(response.parts().size());
      for (Part part : response.parts()) {
        parts.add(
            new CompletedPart(
                part.partNumber(),
                S3Etags.unquote(part.eTag()),
                part.size() == null ? CompletedPart.UNKNOWN_SIZE : part.size(),
                crc32c(part.checksumCRC32C())));
      }
      return PartListingToken.page(
          parts,
          Boolean.TRUE.equals(response.isTruncated()),
          response.nextPartNumberMarker(),
          marker,
          context);
    } catch (SdkException e) {
      throw S3Errors.map(context, s3.settings(), e);
    }
  }

  @Override
  public Page<MultipartUpload> listUploads(String prefix, String token) {
    ErrorContext context = s3.scope().context(StorageOperation.LIST_MULTIPART_UPLOADS);
    String fullPrefix = s3.scope().fullPrefix(prefix, context);
    UploadListingToken markers = token.isEmpty() ? null : UploadListingToken.decode(token);
    ListMultipartUploadsRequest.Builder request =
        ListMultipartUploadsRequest.builder()
            .bucket(s3.settings().remote().bucket())
            .prefix(fullPrefix)
            .encodingType(EncodingType.URL);
    if (markers != null) {
      request.keyMarker(markers.keyMarker());
      if (!markers.uploadIdMarker().isEmpty()) {
        request.uploadIdMarker(markers.uploadIdMarker());
      }
    }
    try {
      ListMultipartUploadsResponse response = s3.client().listMultipartUploads(request.build());
      List<MultipartUpload> uploads = new ArrayList<>(response.uploads().size());
      response
          .uploads()
          .forEach(
              upload ->
                  uploads.add(
                      MultipartUpload.builder(s3.scope().relative(upload.key()), upload.uploadId())
                          .initiated(
                              upload.initiated() == null ? Instant.EPOCH : upload.initiated())
                          .build()));
      return UploadListingToken.page(
          uploads,
          Boolean.TRUE.equals(response.isTruncated()),
          response.nextKeyMarker(),
          response.nextUploadIdMarker(),
          markers,
          context);
    } catch (SdkException e) {
      throw S3Errors.map(context, s3.settings(), e);
    }
  }

  static Map<ChecksumAlgorithm, String> crc32c(String base64) {
    return base64 == null
        ? Map.of()
        : Map.of(ChecksumAlgorithm.CRC32C, S3ChecksumHeaders.hex(base64));
  }
}
