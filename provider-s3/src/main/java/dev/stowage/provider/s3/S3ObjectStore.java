package dev.stowage.provider.s3;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.DeleteResult;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.Keys;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import dev.stowage.provider.support.internal.CheckedResponse;
import dev.stowage.provider.support.internal.DeleteBatch;
import dev.stowage.provider.support.internal.HeaderMetadata;
import dev.stowage.provider.support.internal.ListingPages;
import dev.stowage.provider.support.internal.RemoteStore;
import dev.stowage.provider.support.internal.StoreScope;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32C;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Error;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * A bucket (and prefix) of S3 or an S3-compatible store. Every primitive is one S3 request; the
 * SDK's own per-request retries are the only ones.
 */
final class S3ObjectStore extends RemoteStore {
  private static final long MIB = 1024L * 1024;
  private static final int MAX_KEY_BYTES = 1_024;
  private static final int MAX_METADATA_BYTES = 2_048;

  private final S3Settings settings;
  private final S3Client s3;
  private final SseHeaders sse;

  S3ObjectStore(
      StorageLocation location, S3Settings settings, S3Client s3, SdkAutoCloseable credentials) {
    this(
        new S3Context(
            new StoreScope(location, settings.remote().prefix(), capabilities(settings)),
            settings,
            s3,
            new SseHeaders(settings)),
        () -> {
          s3.close();
          credentials.close();
        });
  }

  private S3ObjectStore(S3Context context, Runnable release) {
    super(
        context.scope(),
        new S3Multipart(context),
        new S3Copy(context),
        release,
        context.settings());
    this.settings = context.settings();
    this.s3 = context.client();
    this.sse = context.sse();
  }

  private static Capabilities capabilities(S3Settings settings) {
    Capabilities.Builder builder =
        Capabilities.builder()
            .features(
                Capability.MULTIPART,
                Capability.LIST_MULTIPART_UPLOADS,
                Capability.RANGED_READ,
                Capability.USER_METADATA,
                Capability.ATOMIC_WRITE,
                Capability.NESTED_KEYS,
                Capability.COPY,
                Capability.MULTIPART_COPY)
            .parts(5 * MIB, 5 * 1024 * MIB, 10_000)
            .maxSingleWriteSize(5 * 1024 * MIB)
            .maxDeleteBatch(1_000)
            .maxKeyBytes(MAX_KEY_BYTES - Keys.utf8Length(settings.remote().prefix()))
            .maxUserMetadataBytes(MAX_METADATA_BYTES);
    if (settings.leadingSlashKeys()) {
      builder.features(Capability.LEADING_SLASH_KEYS);
    }
    if (settings.conditionalCreate()) {
      builder.features(Capability.CONDITIONAL_CREATE);
    }
    if (!settings.whenRequiredChecksums()) {
      // every single write carries a CRC-32C the store checks and records
      builder
          .features(
              Capability.VERIFIES_EXPECTED_CHECKSUMS, Capability.VERIFIES_EXPECTED_PART_CHECKSUMS)
          .checksums(ChecksumAlgorithm.CRC32C)
          .expectedChecksums(ChecksumAlgorithm.CRC32C);
    }
    return builder.build();
  }

  /**
   * The CRC-32C the caller expects of the bytes, or, where it expects none, that of the content,
   * read once beforehand.
   */
  private static String expectedCrc32c(Content content, WriteOptions options) {
    String expected = options.expectedChecksums().get(ChecksumAlgorithm.CRC32C);
    if (expected != null) {
      return expected;
    }
    CRC32C crc = new CRC32C();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = content.open()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        crc.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the source failed: " + e.getMessage(), e);
    }
    return String.format("%08x", crc.getValue());
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    ErrorContext context = scope().context(StorageOperation.STAT, key);
    HeadObjectRequest.Builder request =
        HeadObjectRequest.builder()
            .bucket(settings.remote().bucket())
            .key(scope().fullKey(key, context))
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
        info.checksum(ChecksumAlgorithm.CRC32C, S3ChecksumHeaders.hex(head.checksumCRC32C()));
      }
      // The ETag of a single-part object without SSE-KMS or SSE-C is the content's MD5: reported
      // too, so an object is comparable with a copy the store made without a CRC-32C of its own.
      S3Etags.contentMd5(head.eTag(), head.serverSideEncryption(), head.sseCustomerAlgorithm())
          .ifPresent(md5 -> info.checksum(ChecksumAlgorithm.MD5, md5));
      return Optional.of(info.build());
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Optional.empty();
      }
      throw S3Errors.map(context, settings, e);
    } catch (SdkException e) {
      throw S3Errors.map(context, settings, e);
    }
  }

  @Override
  public InputStream get(String key, ByteRange range) {
    ErrorContext context = scope().context(StorageOperation.READ, key);
    String fullKey = scope().fullKey(key, context);
    if (range.length() == 0) {
      if (stat(key).isEmpty()) {
        throw new ObjectNotFoundException(
            context, "no such object. List the location to see its keys.");
      }
      return InputStream.nullInputStream();
    }
    GetObjectRequest.Builder request =
        GetObjectRequest.builder().bucket(settings.remote().bucket()).key(fullKey);
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
      String crc32c = response.checksumCRC32C();
      if (range.offset() == 0
          && range.isToEnd()
          && crc32c != null
          && response.checksumType() != ChecksumType.COMPOSITE) {
        long expected = S3ChecksumHeaders.crc32cValue(crc32c);
        return CheckedResponse.verified(
            stream,
            response.contentLength(),
            context,
            new CheckedResponse.Expected("CRC-32C", new CRC32C(), expected),
            complete -> stream.close());
      }
      return CheckedResponse.unchecked(
          stream, response.contentLength(), context, complete -> stream.close());
    } catch (S3Exception e) {
      if (e.statusCode() == 416) {
        return InputStream
            .nullInputStream(); // the range starts at or past the end of an existing object
      }
      throw S3Errors.map(context, settings, e);
    } catch (SdkException e) {
      throw S3Errors.map(context, settings, e);
    }
  }

  @Override
  public ObjectInfo put(String key, Content content, WriteOptions options) {
    ErrorContext context = scope().context(StorageOperation.WRITE, key);
    String fullKey = scope().fullKey(key, context);
    if (content.length() > capabilities().maxSingleWriteSize()) {
      throw new UnsupportedCapabilityException(
          context,
          content.length()
              + " bytes is more than S3's single-write limit of 5 GiB. Upload it in parts.");
    }
    Map<String, String> metadata = metadata(options, context);
    requireConditional(capabilities(), options, context);
    PutObjectRequest.Builder request =
        PutObjectRequest.builder()
            .bucket(settings.remote().bucket())
            .key(fullKey)
            .contentLength(content.length())
            .metadata(metadata);
    options.contentType().ifPresent(request::contentType);
    if (options.createOnly()) {
      request.ifNoneMatch("*");
    }
    sse.apply(request::serverSideEncryption, request::ssekmsKeyId);
    sse.customerKey(
        request::sseCustomerAlgorithm, request::sseCustomerKey, request::sseCustomerKeyMD5);
    settings.storageClass().ifPresent(request::storageClass);
    RequestBodies body = new RequestBodies(content);
    try {
      PutObjectResponse response =
          body.send(
              () -> {
                if (!settings.whenRequiredChecksums()) {
                  // the value up front, not as a trailer: the store refuses bytes that do not
                  // match it (BadDigest) before it publishes them, and records it, which not
                  // every store does with a trailer
                  request.checksumCRC32C(
                      S3ChecksumHeaders.base64(expectedCrc32c(content, options)));
                }
                return s3.putObject(request.build(), body.requestBody(options));
              });
      // only what the store answered: S3 reports no size, and a checksum only if it took one
      ObjectInfo.Builder info = ObjectInfo.builder(key);
      if (response.eTag() != null) {
        info.etag(response.eTag());
      }
      if (response.checksumCRC32C() != null) {
        info.checksum(ChecksumAlgorithm.CRC32C, S3ChecksumHeaders.hex(response.checksumCRC32C()));
      } else {
        S3Etags.contentMd5(
                response.eTag(), response.serverSideEncryption(), response.sseCustomerAlgorithm())
            .ifPresent(md5 -> info.checksum(ChecksumAlgorithm.MD5, md5));
      }
      return info.build();
    } catch (SdkException e) {
      throw RequestBodies.mapFailure(s3, settings, context, e);
    }
  }

  @Override
  public ListPage list(ListRequest request) {
    ErrorContext context = scope().context(StorageOperation.LIST);
    if (settings.listObjectsV1()) {
      return S3ListingV1.list(s3, settings, scope(), request, context);
    }
    ListObjectsV2Request.Builder list =
        ListObjectsV2Request.builder()
            .bucket(settings.remote().bucket())
            .prefix(scope().fullPrefix(request.prefix(), context))
            .maxKeys(request.pageSize())
            .encodingType(EncodingType.URL);
    request.delimiter().ifPresent(list::delimiter);
    request.startAfter().ifPresent(after -> list.startAfter(scope().prefix() + after));
    request.continuationToken().ifPresent(list::continuationToken);
    try {
      ListObjectsV2Response response = s3.listObjectsV2(list.build());
      List<ObjectInfo> objects = new ArrayList<>(response.contents().size());
      for (S3Object object : response.contents()) {
        objects.add(
            ListingPages.entry(
                scope().relative(object.key()),
                object.size(),
                object.lastModified(),
                object.eTag()));
      }
      List<String> prefixes = new ArrayList<>(response.commonPrefixes().size());
      for (CommonPrefix common : response.commonPrefixes()) {
        prefixes.add(scope().relative(common.prefix()));
      }
      return ListingPages.of(
          objects,
          prefixes,
          Boolean.TRUE.equals(response.isTruncated()),
          response.nextContinuationToken(),
          context);
    } catch (SdkException e) {
      throw S3Errors.map(context, settings, e);
    }
  }

  @Override
  public void delete(String key) {
    ErrorContext context = scope().context(StorageOperation.DELETE, key);
    try {
      s3.deleteObject(b -> b.bucket(settings.remote().bucket()).key(scope().fullKey(key, context)));
    } catch (SdkException e) {
      throw S3Errors.map(context, settings, e);
    }
  }

  @Override
  public DeleteResult deleteAll(List<String> keys) {
    DeleteBatch batch = DeleteBatch.of(scope(), keys, capabilities().maxDeleteBatch());
    if (keys.isEmpty()) {
      return batch.result();
    }
    List<ObjectIdentifier> objects = new ArrayList<>(keys.size());
    batch.fullKeys().forEach(full -> objects.add(ObjectIdentifier.builder().key(full).build()));
    DeleteObjectsResponse response;
    try {
      response =
          s3.deleteObjects(
              b ->
                  b.bucket(settings.remote().bucket())
                      .delete(Delete.builder().objects(objects).quiet(false).build()));
    } catch (SdkException e) {
      throw S3Errors.map(batch.context(), settings, e);
    }
    response.deleted().forEach(object -> batch.deleted(object.key()));
    for (S3Error error : response.errors()) {
      batch.failed(
          error.key(),
          context -> S3Errors.forKeyError(context, settings, error.code(), error.message()));
    }
    return batch.result();
  }

  static void requireConditional(
      Capabilities capabilities, WriteOptions options, ErrorContext context) {
    if (options.createOnly() && !capabilities.supports(Capability.CONDITIONAL_CREATE)) {
      throw new UnsupportedCapabilityException(
          context,
          "create-only writes are switched off for this store (s3.conditional-create=false).");
    }
  }

  static Map<String, String> metadata(WriteOptions options, ErrorContext context) {
    return HeaderMetadata.encodeWithin(options.userMetadata(), MAX_METADATA_BYTES, "S3", context);
  }
}
