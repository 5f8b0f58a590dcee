package dev.stowage.provider.oss;

import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListPartsRequest;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PartListing;
import com.aliyun.oss.model.PartSummary;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.Page;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import dev.stowage.provider.support.internal.MultipartPrimitives;
import dev.stowage.provider.support.internal.PartListingToken;
import dev.stowage.provider.support.internal.PartToUpload;
import dev.stowage.provider.support.internal.UploadListingToken;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The multipart primitives of {@link OssObjectStore}, each one OSS request. Everything completion
 * needs travels in the {@link MultipartUpload} handle (create-only included), so an upload begun by
 * one store instance can be continued and completed by another.
 */
final class OssMultipart implements MultipartPrimitives {
  private final OssContext oss;

  OssMultipart(OssContext oss) {
    this.oss = oss;
  }

  @Override
  public MultipartUpload initiate(String key, WriteOptions options) {
    ErrorContext context = oss.scope().context(StorageOperation.INITIATE_MULTIPART, key);
    InitiateMultipartUploadRequest request =
        OssRequests.unlogged(
            new InitiateMultipartUploadRequest(
                oss.settings().remote().bucket(),
                OssObjectStore.fullKey(oss.scope(), key, context),
                OssObjectStore.metadata(options, context)));
    try {
      String uploadId =
          OssRequests.send(() -> oss.client().initiateMultipartUpload(request)).getUploadId();
      return MultipartUpload.builder(key, uploadId).createOnly(options.createOnly()).build();
    } catch (RuntimeException e) {
      throw OssErrors.map(context, oss.settings().remote().bucket(), e);
    }
  }

  @Override
  public CompletedPart uploadPart(MultipartUpload upload, PartToUpload part) {
    ErrorContext context = oss.scope().context(StorageOperation.UPLOAD_PART, upload.key());
    if (part.content().length() > oss.scope().capabilities().maxPartSize()) {
      throw new UnsupportedCapabilityException(
          context, part.content().length() + " bytes is more than OSS's part limit of 5 GiB.");
    }
    String fullKey = OssObjectStore.fullKey(oss.scope(), upload.key(), context);
    try {
      UploadPartResult sent =
          OssRequests.sendBody(
              part.content(),
              body ->
                  oss.client()
                      .uploadPart(OssRequests.unlogged(partRequest(fullKey, upload, part, body))));
      Long serverCrc = sent.getServerCRC();
      return new CompletedPart(
          part.number(),
          sent.getETag(),
          CompletedPart.UNKNOWN_SIZE,
          serverCrc == null
              ? Map.of()
              : Map.of(ChecksumAlgorithm.CRC64ECMA, OssObjectStore.hex(serverCrc)));
    } catch (RuntimeException e) {
      throw OssErrors.map(context, oss.settings().remote().bucket(), e);
    }
  }

  /**
   * The request for a part; with an expected MD5 as its Content-MD5, which OSS checks before it
   * keeps the part (InvalidDigest), so damaged bytes never join the object.
   */
  private UploadPartRequest partRequest(
      String fullKey, MultipartUpload upload, PartToUpload part, InputStream body) {
    UploadPartRequest request =
        new UploadPartRequest(
            oss.settings().remote().bucket(),
            fullKey,
            upload.uploadId(),
            part.number(),
            body,
            part.content().length());
    String md5 = part.expectedChecksums().get(ChecksumAlgorithm.MD5);
    if (md5 != null) {
      request.setMd5Digest(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(md5)));
    }
    return request;
  }

  @Override
  public ObjectInfo complete(MultipartUpload upload, List<CompletedPart> parts) {
    ErrorContext context = oss.scope().context(StorageOperation.COMPLETE_MULTIPART, upload.key());
    String fullKey = OssObjectStore.fullKey(oss.scope(), upload.key(), context);
    List<PartETag> tags = new ArrayList<>(parts.size());
    // the parts' CRC-64s combine into the object's where the store reported every part's size
    Long combined = 0L;
    for (CompletedPart part : parts) {
      String crc = part.checksums().get(ChecksumAlgorithm.CRC64ECMA);
      tags.add(new PartETag(part.partNumber(), part.etag()));
      combined =
          combined == null || crc == null || !part.sizeKnown()
              ? null
              : CRC64.combine(combined, Long.parseUnsignedLong(crc, 16), part.size());
    }
    CompleteMultipartUploadRequest request =
        OssRequests.unlogged(
            new CompleteMultipartUploadRequest(
                oss.settings().remote().bucket(), fullKey, upload.uploadId(), tags));
    if (upload.createOnly()) {
      request.addHeader(OssObjectStore.FORBID_OVERWRITE, "true");
    }
    try {
      CompleteMultipartUploadResult result =
          OssRequests.send(() -> oss.client().completeMultipartUpload(request));
      if (combined != null) {
        OssRequests.requireSameCrc(
            result.getServerCRC(), combined, () -> deleteQuietly(fullKey), context);
      }
      return OssRequests.answer(upload.key(), result.getETag(), result.getServerCRC());
    } catch (RuntimeException e) {
      throw OssErrors.map(context, oss.settings().remote().bucket(), e);
    }
  }

  @Override
  public void abort(MultipartUpload upload) {
    ErrorContext context = oss.scope().context(StorageOperation.ABORT_MULTIPART, upload.key());
    try {
      AbortMultipartUploadRequest request =
          OssRequests.unlogged(
              new AbortMultipartUploadRequest(
                  oss.settings().remote().bucket(),
                  OssObjectStore.fullKey(oss.scope(), upload.key(), context),
                  upload.uploadId()));
      OssRequests.send(
          () -> {
            oss.client().abortMultipartUpload(request);
            return null;
          });
    } catch (OSSException e) {
      if (!"NoSuchUpload".equals(e.getErrorCode())) {
        throw OssErrors.map(context, oss.settings().remote().bucket(), e);
      }
    } catch (RuntimeException e) {
      throw OssErrors.map(context, oss.settings().remote().bucket(), e);
    }
  }

  @Override
  public Page<CompletedPart> listParts(MultipartUpload upload, String token) {
    ErrorContext context = oss.scope().context(StorageOperation.LIST_PARTS, upload.key());
    ListPartsRequest request =
        OssRequests.unlogged(
            new ListPartsRequest(
                oss.settings().remote().bucket(),
                OssObjectStore.fullKey(oss.scope(), upload.key(), context),
                upload.uploadId()));
    request.setMaxParts(1000);
    int marker = PartListingToken.decode(token);
    if (marker > 0) {
      request.setPartNumberMarker(marker);
    }
    try {
      PartListing listing = OssRequests.send(() -> oss.client().listParts(request));
      List<CompletedPart> parts = new ArrayList<>(listing.getParts().size());
      for (PartSummary part : listing.getParts()) {
        parts.add(new CompletedPart(part.getPartNumber(), part.getETag(), part.getSize()));
      }
      return PartListingToken.page(
          parts, listing.isTruncated(), listing.getNextPartNumberMarker(), marker, context);
    } catch (RuntimeException e) {
      throw OssErrors.map(context, oss.settings().remote().bucket(), e);
    }
  }

  @Override
  public Page<MultipartUpload> listUploads(String prefix, String token) {
    ErrorContext context = oss.scope().context(StorageOperation.LIST_MULTIPART_UPLOADS);
    String fullPrefix = oss.scope().fullPrefix(prefix, context);
    UploadListingToken markers = token.isEmpty() ? null : UploadListingToken.decode(token);
    ListMultipartUploadsRequest request =
        OssRequests.unlogged(new ListMultipartUploadsRequest(oss.settings().remote().bucket()));
    request.setPrefix(fullPrefix);
    request.setMaxUploads(1000);
    if (markers != null) {
      request.setKeyMarker(markers.keyMarker());
      if (!markers.uploadIdMarker().isEmpty()) {
        request.setUploadIdMarker(markers.uploadIdMarker());
      }
    }
    try {
      MultipartUploadListing listing =
          OssRequests.send(() -> oss.client().listMultipartUploads(request));
      List<MultipartUpload> uploads = new ArrayList<>(listing.getMultipartUploads().size());
      listing
          .getMultipartUploads()
          .forEach(
              upload ->
                  uploads.add(
                      MultipartUpload.builder(
                              oss.scope().relative(upload.getKey()), upload.getUploadId())
                          .initiated(
                              upload.getInitiated() == null
                                  ? Instant.EPOCH
                                  : upload.getInitiated().toInstant())
                          .build()));
      return UploadListingToken.page(
          uploads,
          listing.isTruncated(),
          listing.getNextKeyMarker(),
          listing.getNextUploadIdMarker(),
          markers,
          context);
    } catch (RuntimeException e) {
      throw OssErrors.map(context, oss.settings().remote().bucket(), e);
    }
  }

  private void deleteQuietly(String fullKey) {
    try {
      oss.client()
          .deleteObject(
              OssRequests.unlogged(new GenericRequest(oss.settings().remote().bucket(), fullKey)));
    } catch (RuntimeException e) {
      // The integrity failure that brought us here is the one to report.
    }
  }
}
