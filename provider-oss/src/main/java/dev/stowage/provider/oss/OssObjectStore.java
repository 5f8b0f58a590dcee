package dev.stowage.provider.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.AbortMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadRequest;
import com.aliyun.oss.model.CompleteMultipartUploadResult;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.InitiateMultipartUploadRequest;
import com.aliyun.oss.model.ListMultipartUploadsRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.MultipartUploadListing;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PartETag;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.PutObjectResult;
import com.aliyun.oss.model.UploadPartRequest;
import com.aliyun.oss.model.UploadPartResult;
import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.DeleteResult;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.HeaderMetadata;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.Keys;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A bucket (and prefix) of Alibaba Cloud OSS. Every primitive is one OSS request (the SDK retries
 * network errors and 5xx from a body it can replay); every write is checked against the CRC-64 the
 * server computed, and every whole-object read against the one it stored.
 */
final class OssObjectStore implements ObjectStore {
  private static final long KIB = 1024;
  private static final long GIB = 1024 * 1024 * KIB;
  private static final int MAX_KEY_BYTES = 1_023;
  private static final int MAX_METADATA_BYTES = 8 * 1024;
  private static final String FORBID_OVERWRITE = "x-oss-forbid-overwrite";
  private static final String RANGE_BEHAVIOR = "x-oss-range-behavior";

  private final StorageLocation location;
  private final OssSettings settings;
  private final OSS oss;
  private final Capabilities capabilities;
  private final Map<String, Boolean> createOnlyUploads = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  OssObjectStore(StorageLocation location, OssSettings settings, OSS oss) {
    this.location = location;
    this.settings = settings;
    this.oss = oss;
    this.capabilities =
        Capabilities.builder()
            .features(
                Capability.MULTIPART,
                Capability.LIST_MULTIPART_UPLOADS,
                Capability.CONDITIONAL_CREATE,
                Capability.RANGED_READ,
                Capability.USER_METADATA,
                Capability.ATOMIC_WRITE)
            .parts(100 * KIB, 5 * GIB, 10_000)
            .maxSingleWriteSize(5 * GIB)
            .maxDeleteBatch(1_000)
            .maxKeyBytes(MAX_KEY_BYTES - Keys.utf8Length(settings.prefix()))
            .maxUserMetadataBytes(MAX_METADATA_BYTES)
            .checksums(ChecksumAlgorithm.CRC64ECMA)
            .build();
  }

  @Override
  public StorageLocation location() {
    return location;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    ErrorContext context = context(StorageOperation.STAT, key);
    try {
      String fullKey = fullKey(key, context);
      ObjectMetadata metadata = send(() -> oss.getObjectMetadata(settings.bucket(), fullKey));
      return Optional.of(info(key, metadata));
    } catch (OSSException e) {
      if ("NoSuchKey".equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw OssErrors.map(context, settings.bucket(), e);
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
  }

  private static ObjectInfo info(String key, ObjectMetadata metadata) {
    ObjectInfo.Builder info =
        ObjectInfo.builder(key, metadata.getContentLength())
            .userMetadata(HeaderMetadata.decode(metadata.getUserMetadata()));
    if (metadata.getLastModified() != null) {
      info.lastModified(metadata.getLastModified().toInstant());
    }
    if (metadata.getETag() != null) {
      info.etag(metadata.getETag());
    }
    if (metadata.getServerCRC() != null) {
      info.checksum(ChecksumAlgorithm.CRC64ECMA, hex(metadata.getServerCRC()));
    }
    return info.build();
  }

  @Override
  public InputStream get(String key, ByteRange range) {
    ErrorContext context = context(StorageOperation.READ, key);
    String fullKey = fullKey(key, context);
    if (range.length() == 0) {
      if (stat(key).isEmpty()) {
        throw new ObjectNotFoundException(
            context, "no such object. List the location to see its keys.");
      }
      return InputStream.nullInputStream();
    }
    GetObjectRequest request = new GetObjectRequest(settings.bucket(), fullKey);
    boolean whole = range.offset() == 0 && range.isToEnd();
    if (!whole) {
      request.setRange(range.offset(), range.isToEnd() ? -1 : range.offset() + range.length() - 1);
      request.addHeader(RANGE_BEHAVIOR, "standard");
    }
    try {
      OSSObject object = send(() -> oss.getObject(request));
      ObjectMetadata metadata = object.getObjectMetadata();
      return new VerifiedObjectStream(
          object, metadata.getContentLength(), whole ? metadata.getServerCRC() : null, context);
    } catch (OSSException e) {
      if ("InvalidRange".equals(e.getErrorCode())) {
        return InputStream.nullInputStream(); // the range starts at or past the end
      }
      throw OssErrors.map(context, settings.bucket(), e);
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
  }

  @Override
  public ObjectInfo put(String key, Content content, WriteOptions options) {
    ErrorContext context = context(StorageOperation.WRITE, key);
    String fullKey = fullKey(key, context);
    if (content.length() > capabilities.maxSingleWriteSize()) {
      throw new UnsupportedCapabilityException(
          context,
          content.length()
              + " bytes is more than OSS's single-write limit of 5 GiB. Upload it in parts.");
    }
    ObjectMetadata metadata = metadata(options, context);
    metadata.setContentLength(content.length());
    try {
      Sent<PutObjectResult> sent =
          sendBody(
              content,
              body ->
                  oss.putObject(new PutObjectRequest(settings.bucket(), fullKey, body, metadata)));
      requireSameCrc(
          sent.result().getServerCRC(), sent.crc64(), () -> deleteQuietly(fullKey), context);
      ObjectInfo.Builder info =
          ObjectInfo.builder(key, content.length())
              .userMetadata(options.userMetadata())
              .checksum(ChecksumAlgorithm.CRC64ECMA, hex(sent.crc64()));
      if (sent.result().getETag() != null) {
        info.etag(sent.result().getETag());
      }
      return info.build();
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
  }

  @Override
  public ListPage list(ListRequest request) {
    ErrorContext context = ErrorContext.of(StorageOperation.LIST, location);
    ensureOpen();
    Keys.requireValidPrefix(request.prefix(), context);
    String prefix = settings.prefix();
    ListObjectsV2Request list =
        new ListObjectsV2Request(settings.bucket())
            .withPrefix(prefix + request.prefix())
            .withMaxKeys(request.pageSize())
            .withEncodingType("url");
    request.delimiter().ifPresent(list::setDelimiter);
    request.startAfter().ifPresent(after -> list.setStartAfter(prefix + after));
    request.continuationToken().ifPresent(list::setContinuationToken);
    try {
      ListObjectsV2Result result = send(() -> oss.listObjectsV2(list));
      List<ObjectInfo> objects = new ArrayList<>(result.getObjectSummaries().size());
      for (OSSObjectSummary summary : result.getObjectSummaries()) {
        ObjectInfo.Builder info =
            ObjectInfo.builder(relative(decode(summary.getKey())), summary.getSize());
        if (summary.getLastModified() != null) {
          info.lastModified(summary.getLastModified().toInstant());
        }
        if (summary.getETag() != null) {
          info.etag(summary.getETag());
        }
        objects.add(info.build());
      }
      List<String> prefixes = new ArrayList<>(result.getCommonPrefixes().size());
      for (String common : result.getCommonPrefixes()) {
        prefixes.add(relative(decode(common)));
      }
      if (!result.isTruncated()) {
        return ListPage.last(objects, prefixes);
      }
      String token = result.getNextContinuationToken();
      if (token == null || token.isEmpty()) {
        throw new PermanentStorageException(
            context,
            "the server said the listing goes on but gave no continuation token. Report this to the store's operator.");
      }
      return ListPage.truncated(objects, prefixes, decode(token));
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
  }

  @Override
  public void delete(String key) {
    ErrorContext context = context(StorageOperation.DELETE, key);
    try {
      String fullKey = fullKey(key, context);
      send(() -> oss.deleteObject(settings.bucket(), fullKey));
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
  }

  /**
   * Deletes in one request and, as Litestream does, checks that every key comes back as deleted; a
   * key that does not is reported as failed, by name.
   */
  @Override
  public DeleteResult deleteAll(List<String> keys) {
    ErrorContext context = ErrorContext.of(StorageOperation.DELETE, location);
    ensureOpen();
    if (keys.size() > capabilities.maxDeleteBatch()) {
      throw new IllegalArgumentException(
          keys.size() + " keys, more than the batch limit of " + capabilities.maxDeleteBatch());
    }
    Map<String, String> byFullKey = new LinkedHashMap<>();
    for (String key : keys) {
      byFullKey.put(fullKey(key, context.withKey(Keys.printable(key))), key);
    }
    if (byFullKey.isEmpty()) {
      return new DeleteResult(List.of(), Map.of());
    }
    DeleteObjectsResult result;
    try {
      DeleteObjectsRequest request =
          new DeleteObjectsRequest(settings.bucket())
              .withKeys(new ArrayList<>(byFullKey.keySet()))
              .withQuiet(false);
      result = send(() -> oss.deleteObjects(request));
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
    List<String> deleted = new ArrayList<>();
    for (String full : result.getDeletedObjects()) {
      String key = byFullKey.remove(full);
      if (key != null) {
        deleted.add(key);
      }
    }
    Map<String, StorageException> failed = new LinkedHashMap<>();
    for (String key : byFullKey.values()) {
      failed.put(
          key,
          new PermanentStorageException(
              context.withKey(Keys.printable(key)),
              "the server did not report this key as deleted; it may still exist. Delete it again."));
    }
    return new DeleteResult(deleted, failed);
  }

  @Override
  public MultipartUpload initiateMultipart(String key, WriteOptions options) {
    ErrorContext context = context(StorageOperation.INITIATE_MULTIPART, key);
    ObjectMetadata metadata = metadata(options, context);
    InitiateMultipartUploadRequest request =
        new InitiateMultipartUploadRequest(settings.bucket(), fullKey(key, context), metadata);
    try {
      String uploadId = send(() -> oss.initiateMultipartUpload(request)).getUploadId();
      if (options.createOnly()) {
        createOnlyUploads.put(uploadId, Boolean.TRUE);
      }
      return new MultipartUpload(key, uploadId, Instant.now());
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
  }

  @Override
  public CompletedPart uploadPart(MultipartUpload upload, int partNumber, Content content) {
    ErrorContext context = context(StorageOperation.UPLOAD_PART, upload.key());
    if (partNumber < 1 || partNumber > capabilities.maxParts()) {
      throw new IllegalArgumentException(
          "partNumber must be 1 to " + capabilities.maxParts() + ": " + partNumber);
    }
    if (content.length() > capabilities.maxPartSize()) {
      throw new UnsupportedCapabilityException(
          context, content.length() + " bytes is more than OSS's part limit of 5 GiB.");
    }
    String fullKey = fullKey(upload.key(), context);
    try {
      Sent<UploadPartResult> sent =
          sendBody(
              content,
              body ->
                  oss.uploadPart(
                      new UploadPartRequest(
                          settings.bucket(),
                          fullKey,
                          upload.uploadId(),
                          partNumber,
                          body,
                          content.length())));
      requireSameCrc(sent.result().getServerCRC(), sent.crc64(), () -> {}, context);
      return new CompletedPart(
          partNumber,
          sent.result().getETag(),
          content.length(),
          Map.of(ChecksumAlgorithm.CRC64ECMA, hex(sent.crc64())));
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
  }

  @Override
  public ObjectInfo completeMultipart(MultipartUpload upload, List<CompletedPart> parts) {
    ErrorContext context = context(StorageOperation.COMPLETE_MULTIPART, upload.key());
    String fullKey = fullKey(upload.key(), context);
    List<PartETag> tags = new ArrayList<>(parts.size());
    long size = 0;
    Long combined = 0L;
    for (CompletedPart part : parts) {
      String crc = part.checksums().get(ChecksumAlgorithm.CRC64ECMA);
      tags.add(new PartETag(part.partNumber(), part.etag()));
      combined =
          combined == null || crc == null
              ? null
              : CRC64.combine(combined, Long.parseUnsignedLong(crc, 16), part.size());
      size += part.size();
    }
    CompleteMultipartUploadRequest request =
        new CompleteMultipartUploadRequest(settings.bucket(), fullKey, upload.uploadId(), tags);
    if (createOnlyUploads.containsKey(upload.uploadId())) {
      request.addHeader(FORBID_OVERWRITE, "true");
    }
    try {
      CompleteMultipartUploadResult result = send(() -> oss.completeMultipartUpload(request));
      createOnlyUploads.remove(upload.uploadId());
      if (combined != null) {
        requireSameCrc(result.getServerCRC(), combined, () -> deleteQuietly(fullKey), context);
      }
      ObjectInfo.Builder info = ObjectInfo.builder(upload.key(), size);
      if (result.getETag() != null) {
        info.etag(result.getETag());
      }
      if (result.getServerCRC() != null) {
        info.checksum(ChecksumAlgorithm.CRC64ECMA, hex(result.getServerCRC()));
      }
      return info.build();
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
  }

  @Override
  public void abortMultipart(MultipartUpload upload) {
    ErrorContext context = context(StorageOperation.ABORT_MULTIPART, upload.key());
    try {
      AbortMultipartUploadRequest request =
          new AbortMultipartUploadRequest(
              settings.bucket(), fullKey(upload.key(), context), upload.uploadId());
      send(
          () -> {
            oss.abortMultipartUpload(request);
            return null;
          });
      createOnlyUploads.remove(upload.uploadId());
    } catch (OSSException e) {
      if (!"NoSuchUpload".equals(e.getErrorCode())) {
        throw OssErrors.map(context, settings.bucket(), e);
      }
      createOnlyUploads.remove(upload.uploadId());
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
  }

  @Override
  public List<MultipartUpload> listMultipartUploads(String prefix) {
    ErrorContext context = ErrorContext.of(StorageOperation.LIST_MULTIPART_UPLOADS, location);
    ensureOpen();
    Keys.requireValidPrefix(prefix, context);
    List<MultipartUpload> uploads = new ArrayList<>();
    String keyMarker = null;
    String uploadIdMarker = null;
    try {
      for (int pages = 0; pages < 100_000; pages++) {
        ListMultipartUploadsRequest request = new ListMultipartUploadsRequest(settings.bucket());
        request.setPrefix(settings.prefix() + prefix);
        request.setMaxUploads(1000);
        request.setKeyMarker(keyMarker);
        request.setUploadIdMarker(uploadIdMarker);
        MultipartUploadListing listing = send(() -> oss.listMultipartUploads(request));
        listing
            .getMultipartUploads()
            .forEach(
                upload ->
                    uploads.add(
                        new MultipartUpload(
                            relative(upload.getKey()),
                            upload.getUploadId(),
                            upload.getInitiated() == null
                                ? Instant.EPOCH
                                : upload.getInitiated().toInstant())));
        if (!listing.isTruncated()) {
          return uploads;
        }
        if (listing.getNextKeyMarker() == null
            || listing.getNextKeyMarker().equals(keyMarker)
                && Objects.equals(listing.getNextUploadIdMarker(), uploadIdMarker)) {
          throw new PermanentStorageException(
              context,
              "the server's upload listing does not advance. Report this to the store's operator.");
        }
        keyMarker = listing.getNextKeyMarker();
        uploadIdMarker = listing.getNextUploadIdMarker();
      }
      throw new PermanentStorageException(
          context, "more than 100,000 pages of uploads in progress; sweep them first.");
    } catch (RuntimeException e) {
      throw mapped(context, e);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      oss.shutdown();
    }
  }

  @Override
  public String toString() {
    return "OssObjectStore[" + location + ", " + settings + "]";
  }

  private ErrorContext context(StorageOperation operation, String key) {
    ensureOpen();
    return ErrorContext.of(operation, location).withKey(Keys.printable(key));
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("the store at " + location + " is closed");
    }
  }

  /**
   * Sends one SDK request. A request the server refused as {@code RequestTimeTooSkewed}, naming its
   * own time, is sent once more: the client has then taken its clock offset from that time (the
   * offset is fixed when a request is signed, so the SDK's own retry would not use it).
   */
  private static <T> T send(Supplier<T> request) {
    try {
      return request.get();
    } catch (OSSException e) {
      if (!OssErrors.clockCorrected(e)) {
        throw e;
      }
      return request.get();
    }
  }

  /** Sends a request with a body, from a new {@link ReplayableBody} for each {@link #send}. */
  private static <T> Sent<T> sendBody(Content content, Function<ReplayableBody, T> request) {
    return send(
        () -> {
          try (ReplayableBody body = new ReplayableBody(content)) {
            return new Sent<>(request.apply(body), body.crc64());
          }
        });
  }

  /** A response and the CRC-64/ECMA of the body that the request sent. */
  private record Sent<T>(T result, long crc64) {}

  /** Maps an SDK failure; an api exception thrown inside a call passes through. */
  private StorageException mapped(ErrorContext context, RuntimeException e) {
    return e instanceof StorageException storage
        ? storage
        : OssErrors.map(context, settings.bucket(), e);
  }

  private String fullKey(String key, ErrorContext context) {
    Keys.requireValid(key, capabilities.maxKeyBytes(), context);
    if (key.indexOf('\uFFFE') >= 0 || key.indexOf('\uFFFF') >= 0) {
      // the SDK refuses characters XML 1.0 cannot carry, with an IllegalArgumentException
      throw new InvalidKeyException(
          context, "OSS keys cannot hold U+FFFE or U+FFFF (not characters in XML). Rename it.");
    }
    return settings.prefix() + key;
  }

  private String relative(String fullKey) {
    return fullKey.startsWith(settings.prefix())
        ? fullKey.substring(settings.prefix().length())
        : fullKey;
  }

  /** Builds the SDK's metadata: content type, user metadata within OSS's 8 KiB, create-only. */
  private ObjectMetadata metadata(WriteOptions options, ErrorContext context) {
    ObjectMetadata metadata = new ObjectMetadata();
    int bytes = 0;
    for (Map.Entry<String, String> entry :
        HeaderMetadata.encode(options.userMetadata()).entrySet()) {
      bytes += Keys.utf8Length(entry.getKey()) + Keys.utf8Length(entry.getValue());
      metadata.addUserMetadata(entry.getKey(), entry.getValue());
    }
    if (bytes > MAX_METADATA_BYTES) {
      throw new PermanentStorageException(
          context,
          "the user metadata is "
              + bytes
              + " bytes as sent, more than OSS's limit of "
              + MAX_METADATA_BYTES
              + ". Store less metadata.");
    }
    metadata.setContentType(options.contentType().orElse("application/octet-stream"));
    if (options.createOnly()) {
      metadata.setHeader(FORBID_OVERWRITE, "true");
    }
    return metadata;
  }

  private static void requireSameCrc(
      Long serverCrc, long clientCrc, Runnable undo, ErrorContext context) {
    if (serverCrc != null && serverCrc != clientCrc) {
      undo.run();
      throw new IntegrityException(
          context,
          "the server computed CRC-64 "
              + Long.toUnsignedString(serverCrc)
              + " over other bytes than were sent ("
              + Long.toUnsignedString(clientCrc)
              + "); nothing was kept. Send them again.");
    }
  }

  private void deleteQuietly(String fullKey) {
    try {
      oss.deleteObject(settings.bucket(), fullKey);
    } catch (RuntimeException e) {
      // The integrity failure that brought us here is the one to report.
    }
  }

  private static String decode(String urlEncoded) {
    return urlEncoded == null ? null : URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8);
  }

  private static String hex(long crc) {
    return String.format("%016x", crc);
  }
}
