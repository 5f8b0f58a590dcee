package dev.stowage.provider.s3;

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
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.DeletedObject;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsRequest;
import software.amazon.awssdk.services.s3.model.ListMultipartUploadsResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A bucket (and prefix) of S3 or an S3-compatible store. Every primitive is one S3 request; the
 * SDK's own per-request retries are the only ones.
 */
final class S3ObjectStore implements ObjectStore {
  private static final long MIB = 1024L * 1024;
  private static final int MAX_KEY_BYTES = 1_024;
  private static final int MAX_METADATA_BYTES = 2_048;
  private static final String S3_CRC32C = "CRC32C";

  private final StorageLocation location;
  private final S3Settings settings;
  private final S3Client s3;
  private final SdkAutoCloseable credentials;
  private final SseHeaders sse;
  private final Capabilities capabilities;
  private final Map<String, Boolean> createOnlyUploads = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  S3ObjectStore(
      StorageLocation location, S3Settings settings, S3Client s3, SdkAutoCloseable credentials) {
    this.location = location;
    this.settings = settings;
    this.s3 = s3;
    this.credentials = credentials;
    this.sse = new SseHeaders(settings);
    Capabilities.Builder builder =
        Capabilities.builder()
            .features(
                Capability.MULTIPART,
                Capability.LIST_MULTIPART_UPLOADS,
                Capability.RANGED_READ,
                Capability.USER_METADATA,
                Capability.ATOMIC_WRITE)
            .parts(5 * MIB, 5 * 1024 * MIB, 10_000)
            .maxSingleWriteSize(5 * 1024 * MIB)
            .maxDeleteBatch(1_000)
            .maxKeyBytes(MAX_KEY_BYTES - Keys.utf8Length(settings.prefix()))
            .maxUserMetadataBytes(MAX_METADATA_BYTES);
    if (settings.conditionalCreate()) {
      builder.features(Capability.CONDITIONAL_CREATE);
    }
    this.capabilities = builder.build();
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
    HeadObjectRequest.Builder request =
        HeadObjectRequest.builder()
            .bucket(settings.bucket())
            .key(fullKey(key, context))
            .checksumMode(ChecksumMode.ENABLED);
    sse.customerKey(
        request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    try {
      HeadObjectResponse head = s3.headObject(request.build());
      ObjectInfo.Builder info =
          ObjectInfo.builder(key, head.contentLength())
              .userMetadata(HeaderMetadata.decode(head.metadata()));
      if (head.lastModified() != null) {
        info.lastModified(head.lastModified());
      }
      if (head.eTag() != null) {
        info.etag(head.eTag());
      }
      if (head.checksumCRC32C() != null && head.checksumType() != ChecksumType.COMPOSITE) {
        info.checksum(ChecksumAlgorithm.CRC32C, hex(head.checksumCRC32C()));
      } else if (ResponseBody.isContentMd5(
          head.eTag(), head.serverSideEncryption(), head.sseCustomerAlgorithm())) {
        // A store without flexible checksums (or an older object): the ETag of a single-part
        // object without SSE-KMS or SSE-C is the content's MD5, so a reader can still verify.
        info.checksum(
            ChecksumAlgorithm.MD5, head.eTag().replace("\"", "").toLowerCase(Locale.ROOT));
      }
      return Optional.of(info.build());
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw S3Errors.map(context, settings.bucket(), e);
    } catch (SdkException e) {
      throw S3Errors.map(context, settings.bucket(), e);
    }
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
    GetObjectRequest.Builder request =
        GetObjectRequest.builder().bucket(settings.bucket()).key(fullKey);
    if (range.offset() == 0 && range.isToEnd()) {
      request.checksumMode(ChecksumMode.ENABLED); // the SDK checks a whole object's CRC-32C
    } else {
      request.range(
          "bytes="
              + range.offset()
              + "-"
              + (range.isToEnd() ? "" : range.offset() + range.length() - 1));
    }
    sse.customerKey(
        request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    try {
      ResponseInputStream<GetObjectResponse> stream = s3.getObject(request.build());
      GetObjectResponse response = stream.response();
      if (response.contentLength() == null) {
        return stream;
      }
      return range.offset() == 0 && range.isToEnd()
          ? ResponseBody.whole(stream, response, context)
          : ResponseBody.unchecked(stream, response.contentLength(), context);
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        return InputStream
            .nullInputStream(); // the range starts at or past the end of an existing object
      }
      throw S3Errors.map(context, settings.bucket(), e);
    } catch (SdkException e) {
      throw S3Errors.map(context, settings.bucket(), e);
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
              + " bytes is more than S3's single-write limit of 5 GiB. Upload it in parts.");
    }
    Map<String, String> metadata = metadata(options, context);
    requireConditional(options, context);
    PutObjectRequest.Builder request =
        PutObjectRequest.builder()
            .bucket(settings.bucket())
            .key(fullKey)
            .contentLength(content.length())
            .metadata(metadata);
    options.contentType().ifPresent(request::contentType);
    if (options.createOnly()) {
      request.ifNoneMatch("*");
    }
    if (!settings.whenRequiredChecksums()) {
      request.checksumAlgorithm(S3_CRC32C);
    }
    sse.apply(request::serverSideEncryption, request::ssekmsKeyId);
    sse.customerKey(
        request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    settings.storageClass().ifPresent(request::storageClass);
    Body body = new Body(content);
    try {
      PutObjectResponse response = s3.putObject(request.build(), body.requestBody(options));
      body.requireExhausted(() -> deleteQuietly(fullKey), context);
      ObjectInfo.Builder info =
          ObjectInfo.builder(key, content.length()).userMetadata(options.userMetadata());
      if (response.eTag() != null) {
        info.etag(response.eTag());
      }
      if (response.checksumCRC32C() != null) {
        info.checksum(ChecksumAlgorithm.CRC32C, hex(response.checksumCRC32C()));
      }
      return info.build();
    } catch (SdkException e) {
      throw mapBodyFailure(context, e);
    }
  }

  @Override
  public ListPage list(ListRequest request) {
    ErrorContext context = ErrorContext.of(StorageOperation.LIST, location);
    ensureOpen();
    Keys.requireValidPrefix(request.prefix(), context);
    String prefix = settings.prefix();
    ListObjectsV2Request.Builder list =
        ListObjectsV2Request.builder()
            .bucket(settings.bucket())
            .prefix(prefix + request.prefix())
            .maxKeys(request.pageSize())
            .encodingType(EncodingType.URL);
    request.delimiter().ifPresent(list::delimiter);
    request.startAfter().ifPresent(after -> list.startAfter(prefix + after));
    request.continuationToken().ifPresent(list::continuationToken);
    try {
      ListObjectsV2Response response = s3.listObjectsV2(list.build());
      List<ObjectInfo> objects = new ArrayList<>(response.contents().size());
      for (S3Object object : response.contents()) {
        ObjectInfo.Builder info = ObjectInfo.builder(relative(object.key()), object.size());
        if (object.lastModified() != null) {
          info.lastModified(object.lastModified());
        }
        if (object.eTag() != null) {
          info.etag(object.eTag());
        }
        objects.add(info.build());
      }
      List<String> prefixes = new ArrayList<>(response.commonPrefixes().size());
      for (CommonPrefix common : response.commonPrefixes()) {
        prefixes.add(relative(common.prefix()));
      }
      if (!Boolean.TRUE.equals(response.isTruncated())) {
        return ListPage.last(objects, prefixes);
      }
      String token = response.nextContinuationToken();
      if (token == null || token.isEmpty()) {
        throw new PermanentStorageException(
            context,
            "the server said the listing goes on but gave no continuation token. Report this to the store's operator.");
      }
      return ListPage.truncated(objects, prefixes, token);
    } catch (SdkException e) {
      throw S3Errors.map(context, settings.bucket(), e);
    }
  }

  @Override
  public void delete(String key) {
    ErrorContext context = context(StorageOperation.DELETE, key);
    try {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(fullKey(key, context)));
    } catch (SdkException e) {
      throw S3Errors.map(context, settings.bucket(), e);
    }
  }

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
    if (keys.isEmpty()) {
      return new DeleteResult(List.of(), Map.of());
    }
    List<ObjectIdentifier> objects = new ArrayList<>(keys.size());
    byFullKey.keySet().forEach(full -> objects.add(ObjectIdentifier.builder().key(full).build()));
    DeleteObjectsResponse response;
    try {
      response =
          s3.deleteObjects(
              b ->
                  b.bucket(settings.bucket())
                      .delete(Delete.builder().objects(objects).quiet(false).build()));
    } catch (SdkException e) {
      throw S3Errors.map(context, settings.bucket(), e);
    }
    List<String> deleted = new ArrayList<>();
    Map<String, StorageException> failed = new LinkedHashMap<>();
    for (DeletedObject object : response.deleted()) {
      String key = byFullKey.remove(object.key());
      if (key != null) {
        deleted.add(key);
      }
    }
    for (S3Error error : response.errors()) {
      String key = byFullKey.remove(error.key());
      if (key != null) {
        failed.put(
            key,
            S3Errors.forKeyError(
                context.withKey(Keys.printable(key)),
                settings.bucket(),
                error.code(),
                error.message()));
      }
    }
    for (String key : byFullKey.values()) {
      failed.put(
          key,
          new PermanentStorageException(
              context.withKey(key),
              "the server did not report this key as deleted or failed; it may still exist. Delete it again."));
    }
    return new DeleteResult(deleted, failed);
  }

  @Override
  public MultipartUpload initiateMultipart(String key, WriteOptions options) {
    ErrorContext context = context(StorageOperation.INITIATE_MULTIPART, key);
    Map<String, String> metadata = metadata(options, context);
    requireConditional(options, context);
    CreateMultipartUploadRequest.Builder request =
        CreateMultipartUploadRequest.builder()
            .bucket(settings.bucket())
            .key(fullKey(key, context))
            .metadata(metadata);
    options.contentType().ifPresent(request::contentType);
    if (!settings.whenRequiredChecksums()) {
      request.checksumAlgorithm(S3_CRC32C);
    }
    sse.apply(request::serverSideEncryption, request::ssekmsKeyId);
    sse.customerKey(
        request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    settings.storageClass().ifPresent(request::storageClass);
    try {
      String uploadId = s3.createMultipartUpload(request.build()).uploadId();
      if (options.createOnly()) {
        createOnlyUploads.put(uploadId, Boolean.TRUE);
      }
      return new MultipartUpload(key, uploadId, Instant.now());
    } catch (SdkException e) {
      throw S3Errors.map(context, settings.bucket(), e);
    }
  }

  @Override
  public CompletedPart uploadPart(MultipartUpload upload, int partNumber, Content content) {
    ErrorContext context = context(StorageOperation.UPLOAD_PART, upload.key());
    if (partNumber < 1 || partNumber > capabilities.maxParts()) {
      throw new IllegalArgumentException(
          "partNumber must be 1 to " + capabilities.maxParts() + ": " + partNumber);
    }
    UploadPartRequest.Builder request =
        UploadPartRequest.builder()
            .bucket(settings.bucket())
            .key(fullKey(upload.key(), context))
            .uploadId(upload.uploadId())
            .partNumber(partNumber)
            .contentLength(content.length());
    if (!settings.whenRequiredChecksums()) {
      request.checksumAlgorithm(S3_CRC32C);
    }
    sse.customerKey(
        request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    Body body = new Body(content);
    try {
      UploadPartResponse response =
          s3.uploadPart(request.build(), body.requestBody(WriteOptions.DEFAULTS));
      body.requireExhausted(() -> {}, context);
      Map<ChecksumAlgorithm, String> checksums =
          Map.of(ChecksumAlgorithm.CRC32C, String.format("%08x", body.crc32c()));
      return new CompletedPart(partNumber, unquote(response.eTag()), content.length(), checksums);
    } catch (SdkException e) {
      throw mapBodyFailure(context, e);
    }
  }

  /**
   * Maps the failure of a request that carried a body. Where the SDK signs the body chunk by chunk
   * (over plain HTTP), bytes changed on the way come back as SignatureDoesNotMatch, the answer a
   * wrong secret gets too. A signed request without a body tells the two apart: if it passes, the
   * credentials hold, and the body was damaged, which sending it again cures.
   */
  private StorageException mapBodyFailure(ErrorContext context, SdkException e) {
    StorageException mapped = S3Errors.map(context, settings.bucket(), e);
    if (!"SignatureDoesNotMatch".equals(mapped.context().errorCode().orElse(""))) {
      return mapped;
    }
    try {
      s3.headBucket(request -> request.bucket(settings.bucket()));
    } catch (SdkException probe) {
      return mapped;
    }
    return new IntegrityException(
        mapped.context(),
        "the server's signature check failed on the body while the credentials hold: its bytes"
            + " changed on the way. Send them again.",
        e);
  }

  @Override
  public ObjectInfo completeMultipart(MultipartUpload upload, List<CompletedPart> parts) {
    ErrorContext context = context(StorageOperation.COMPLETE_MULTIPART, upload.key());
    List<software.amazon.awssdk.services.s3.model.CompletedPart> s3Parts =
        new ArrayList<>(parts.size());
    long size = 0;
    for (CompletedPart part : parts) {
      software.amazon.awssdk.services.s3.model.CompletedPart.Builder s3Part =
          software.amazon.awssdk.services.s3.model.CompletedPart.builder()
              .partNumber(part.partNumber())
              .eTag(part.etag());
      String crc = part.checksums().get(ChecksumAlgorithm.CRC32C);
      if (!settings.whenRequiredChecksums() && crc != null) {
        s3Part.checksumCRC32C(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(crc)));
      }
      s3Parts.add(s3Part.build());
      size += part.size();
    }
    CompleteMultipartUploadRequest.Builder request =
        CompleteMultipartUploadRequest.builder()
            .bucket(settings.bucket())
            .key(fullKey(upload.key(), context))
            .uploadId(upload.uploadId())
            .multipartUpload(CompletedMultipartUpload.builder().parts(s3Parts).build());
    if (createOnlyUploads.containsKey(upload.uploadId())) {
      request.ifNoneMatch("*");
    }
    sse.customerKey(
        request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    try {
      CompleteMultipartUploadResponse response = s3.completeMultipartUpload(request.build());
      createOnlyUploads.remove(upload.uploadId());
      ObjectInfo.Builder info = ObjectInfo.builder(upload.key(), size);
      if (response.eTag() != null) {
        info.etag(response.eTag());
      }
      return info.build();
    } catch (SdkException e) {
      throw S3Errors.map(context, settings.bucket(), e);
    }
  }

  @Override
  public void abortMultipart(MultipartUpload upload) {
    ErrorContext context = context(StorageOperation.ABORT_MULTIPART, upload.key());
    try {
      s3.abortMultipartUpload(
          AbortMultipartUploadRequest.builder()
              .bucket(settings.bucket())
              .key(fullKey(upload.key(), context))
              .uploadId(upload.uploadId())
              .build());
      createOnlyUploads.remove(upload.uploadId());
    } catch (S3Exception e) {
      if (e.statusCode() != 404) {
        throw S3Errors.map(context, settings.bucket(), e);
      }
    } catch (SdkException e) {
      throw S3Errors.map(context, settings.bucket(), e);
    }
  }

  @Override
  public List<MultipartUpload> listMultipartUploads(String prefix) {
    ErrorContext context = ErrorContext.of(StorageOperation.LIST_MULTIPART_UPLOADS, location);
    ensureOpen();
    List<MultipartUpload> uploads = new ArrayList<>();
    String keyMarker = null;
    String uploadIdMarker = null;
    try {
      for (int pages = 0; pages < 100_000; pages++) {
        ListMultipartUploadsRequest.Builder request =
            ListMultipartUploadsRequest.builder()
                .bucket(settings.bucket())
                .prefix(settings.prefix() + prefix)
                .encodingType(EncodingType.URL);
        if (keyMarker != null) {
          request.keyMarker(keyMarker).uploadIdMarker(uploadIdMarker);
        }
        ListMultipartUploadsResponse response = s3.listMultipartUploads(request.build());
        response
            .uploads()
            .forEach(
                upload ->
                    uploads.add(
                        new MultipartUpload(
                            relative(upload.key()),
                            upload.uploadId(),
                            upload.initiated() == null ? Instant.EPOCH : upload.initiated())));
        if (!Boolean.TRUE.equals(response.isTruncated())) {
          return uploads;
        }
        if (response.nextKeyMarker() == null
            || response.nextKeyMarker().equals(keyMarker)
                && Objects.equals(response.nextUploadIdMarker(), uploadIdMarker)) {
          throw new PermanentStorageException(
              context,
              "the server's upload listing does not advance. Report this to the store's operator.");
        }
        keyMarker = response.nextKeyMarker();
        uploadIdMarker = response.nextUploadIdMarker();
      }
      throw new PermanentStorageException(
          context, "more than 100,000 pages of uploads in progress; sweep them first.");
    } catch (SdkException e) {
      throw S3Errors.map(context, settings.bucket(), e);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      s3.close();
      credentials.close();
    }
  }

  @Override
  public String toString() {
    return "S3ObjectStore[" + location + ", " + settings + "]";
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

  private String fullKey(String key, ErrorContext context) {
    Keys.requireValid(key, capabilities.maxKeyBytes(), context);
    return settings.prefix() + key;
  }

  private String relative(String fullKey) {
    return fullKey.startsWith(settings.prefix())
        ? fullKey.substring(settings.prefix().length())
        : fullKey;
  }

  private void requireConditional(WriteOptions options, ErrorContext context) {
    if (options.createOnly() && !capabilities.supports(Capability.CONDITIONAL_CREATE)) {
      throw new UnsupportedCapabilityException(
          context,
          "create-only writes are switched off for this store (s3.conditional-create=false).");
    }
  }

  private Map<String, String> metadata(WriteOptions options, ErrorContext context) {
    Map<String, String> encoded = HeaderMetadata.encode(options.userMetadata());
    int bytes = 0;
    for (Map.Entry<String, String> entry : encoded.entrySet()) {
      bytes += Keys.utf8Length(entry.getKey()) + Keys.utf8Length(entry.getValue());
    }
    if (bytes > MAX_METADATA_BYTES) {
      throw new PermanentStorageException(
          context,
          "the user metadata is "
              + bytes
              + " bytes as sent, more than S3's limit of "
              + MAX_METADATA_BYTES
              + ". Store less metadata.");
    }
    return encoded;
  }

  private void deleteQuietly(String fullKey) {
    try {
      s3.deleteObject(b -> b.bucket(settings.bucket()).key(fullKey));
    } catch (SdkException e) {
      // The integrity failure that brought us here is the one to report.
    }
  }

  private static String hex(String base64) {
    return HexFormat.of().formatHex(Base64.getDecoder().decode(base64));
  }

  private static String unquote(String etag) {
    return etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : String.valueOf(etag);
  }

  /**
   * A replayable request body: every SDK attempt opens the content again through a {@link
   * CheckedStream}, which enforces the declared length and computes a CRC-32C.
   */
  private static final class Body {
    private final Content content;
    private final AtomicReference<CheckedStream> last = new AtomicReference<>();

    Body(Content content) {
      this.content = content;
    }

    RequestBody requestBody(WriteOptions options) {
      return RequestBody.fromContentProvider(
          () -> {
            try {
              CheckedStream stream = new CheckedStream(content.open(), content.length());
              last.set(stream);
              return stream;
            } catch (IOException e) {
              throw new UncheckedIOException("opening the source failed: " + e.getMessage(), e);
            }
          },
          content.length(),
          options.contentType().orElse("application/octet-stream"));
    }

    /** Fails, after running {@code undo}, if the source holds more bytes than it declared. */
    void requireExhausted(Runnable undo, ErrorContext context) {
      CheckedStream stream = last.get();
      if (stream == null) {
        return;
      }
      try {
        stream
            .read(); // at the declared end: -1, or a LengthMismatchException if the source has more
      } catch (IOException e) {
        undo.run();
        throw new IntegrityException(
            context,
            "the source yields more than its declared length of "
                + content.length()
                + " bytes; nothing was kept",
            e);
      }
    }

    int crc32c() {
      return last.get().crc32c();
    }
  }
}
