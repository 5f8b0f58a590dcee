package dev.stowage.provider.oss;

import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSException;
import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.DeleteObjectsRequest;
import com.aliyun.oss.model.DeleteObjectsResult;
import com.aliyun.oss.model.GenericRequest;
import com.aliyun.oss.model.GetObjectRequest;
import com.aliyun.oss.model.ListObjectsV2Request;
import com.aliyun.oss.model.ListObjectsV2Result;
import com.aliyun.oss.model.OSSObject;
import com.aliyun.oss.model.OSSObjectSummary;
import com.aliyun.oss.model.ObjectMetadata;
import com.aliyun.oss.model.PutObjectRequest;
import com.aliyun.oss.model.PutObjectResult;
import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.DeleteResult;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidKeyException;
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
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * A bucket (and prefix) of Alibaba Cloud OSS. Every primitive is one OSS request (the SDK retries
 * network errors and 5xx from a body it can replay); every write is checked against the CRC-64 the
 * server computed, and every whole-object read against the one it stored.
 */
final class OssObjectStore extends RemoteStore {
  private static final long KIB = 1024;
  private static final long GIB = 1024 * 1024 * KIB;
  private static final int MAX_KEY_BYTES = 1_023;
  private static final int MAX_METADATA_BYTES = 8 * 1024;
  static final String FORBID_OVERWRITE = "x-oss-forbid-overwrite";
  private static final String RANGE_BEHAVIOR = "x-oss-range-behavior";

  private final OssSettings settings;
  private final OSS oss;

  OssObjectStore(StorageLocation location, OssSettings settings, OSS oss) {
    this(
        new OssContext(
            new StoreScope(location, settings.remote().prefix(), capabilities(settings)),
            settings,
            oss));
  }

  private OssObjectStore(OssContext context) {
    super(
        context.scope(),
        new OssMultipart(context),
        new OssCopy(context),
        context.client()::shutdown,
        context.settings());
    this.settings = context.settings();
    this.oss = context.client();
  }

  private static Capabilities capabilities(OssSettings settings) {
    return Capabilities.builder()
        .features(
            Capability.MULTIPART,
            Capability.LIST_MULTIPART_UPLOADS,
            Capability.CONDITIONAL_CREATE,
            Capability.RANGED_READ,
            Capability.USER_METADATA,
            Capability.ATOMIC_WRITE,
            Capability.NESTED_KEYS,
            Capability.COPY,
            Capability.MULTIPART_COPY,
            Capability.VERIFIES_EXPECTED_CHECKSUMS,
            Capability.VERIFIES_EXPECTED_PART_CHECKSUMS,
            Capability.REPORTS_PART_CHECKSUMS)
        .parts(100 * KIB, 5 * GIB, 10_000)
        .maxSingleWriteSize(5 * GIB)
        .maxCopySize(GIB)
        .maxDeleteBatch(1_000)
        .maxKeyBytes(MAX_KEY_BYTES - Keys.utf8Length(settings.remote().prefix()))
        .maxUserMetadataBytes(MAX_METADATA_BYTES)
        .checksums(ChecksumAlgorithm.CRC64ECMA)
        .expectedChecksums(ChecksumAlgorithm.MD5)
        .build();
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    ErrorContext context = scope().context(StorageOperation.STAT, key);
    try {
      String fullKey = fullKey(scope(), key, context);
      ObjectMetadata metadata =
          OssRequests.send(
              () ->
                  oss.getObjectMetadata(
                      OssRequests.unlogged(
                          new GenericRequest(settings.remote().bucket(), fullKey))));
      return Optional.of(info(key, metadata));
    } catch (OSSException e) {
      if ("NoSuchKey".equals(e.getErrorCode())) {
        return Optional.empty();
      }
      throw OssErrors.map(context, settings.remote().bucket(), e);
    } catch (RuntimeException e) {
      throw OssErrors.map(context, settings.remote().bucket(), e);
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
    ErrorContext context = scope().context(StorageOperation.READ, key);
    String fullKey = fullKey(scope(), key, context);
    if (range.length() == 0) {
      if (stat(key).isEmpty()) {
        throw new ObjectNotFoundException(
            context, "no such object. List the location to see its keys.");
      }
      return InputStream.nullInputStream();
    }
    GetObjectRequest request =
        OssRequests.unlogged(new GetObjectRequest(settings.remote().bucket(), fullKey));
    boolean whole = range.offset() == 0 && range.isToEnd();
    if (!whole) {
      request.setRange(range.offset(), range.isToEnd() ? -1 : range.offset() + range.length() - 1);
      request.addHeader(RANGE_BEHAVIOR, "standard");
    }
    try {
      OSSObject object = OssRequests.send(() -> oss.getObject(request));
      ObjectMetadata metadata = object.getObjectMetadata();
      CheckedResponse.Closer closer =
          complete -> {
            if (complete) {
              object.close();
            } else {
              object.forcedClose(); // rather than draining the rest of the body
            }
          };
      Long crc = metadata.getServerCRC();
      return whole && crc != null
          ? CheckedResponse.verified(
              object.getObjectContent(),
              metadata.getContentLength(),
              context,
              new CheckedResponse.Expected("CRC-64", new CRC64(), crc),
              closer)
          : CheckedResponse.unchecked(
              object.getObjectContent(), metadata.getContentLength(), context, closer);
    } catch (OSSException e) {
      if ("InvalidRange".equals(e.getErrorCode())) {
        return InputStream.nullInputStream(); // the range starts at or past the end
      }
      throw OssErrors.map(context, settings.remote().bucket(), e);
    } catch (RuntimeException e) {
      throw OssErrors.map(context, settings.remote().bucket(), e);
    }
  }

  @Override
  public ObjectInfo put(String key, Content content, WriteOptions options) {
    ErrorContext context = scope().context(StorageOperation.WRITE, key);
    String fullKey = fullKey(scope(), key, context);
    if (content.length() > capabilities().maxSingleWriteSize()) {
      throw new UnsupportedCapabilityException(
          context,
          content.length()
              + " bytes is more than OSS's single-write limit of 5 GiB. Upload it in parts.");
    }
    ObjectMetadata metadata = metadata(options, context);
    metadata.setContentLength(content.length());
    String expectedMd5 = options.expectedChecksums().get(ChecksumAlgorithm.MD5);
    if (expectedMd5 != null) {
      // OSS computes the MD5 of what it received and refuses a mismatch (InvalidDigest) before
      // the object is published, so damaged bytes never replace the object under the key
      metadata.setContentMD5(
          Base64.getEncoder().encodeToString(HexFormat.of().parseHex(expectedMd5)));
    }
    try {
      PutObjectResult sent =
          OssRequests.sendBody(
              content,
              body ->
                  oss.putObject(
                      OssRequests.unlogged(
                          new PutObjectRequest(
                              settings.remote().bucket(), fullKey, body, metadata))));
      return OssRequests.answer(key, sent.getETag(), sent.getServerCRC());
    } catch (RuntimeException e) {
      throw OssErrors.map(context, settings.remote().bucket(), e);
    }
  }

  @Override
  public ListPage list(ListRequest request) {
    ErrorContext context = scope().context(StorageOperation.LIST);
    ListObjectsV2Request list =
        OssRequests.unlogged(new ListObjectsV2Request(settings.remote().bucket()))
            .withPrefix(scope().fullPrefix(request.prefix(), context))
            .withMaxKeys(request.pageSize())
            .withEncodingType("url");
    request.delimiter().ifPresent(list::setDelimiter);
    request.startAfter().ifPresent(after -> list.setStartAfter(scope().prefix() + after));
    request.continuationToken().ifPresent(list::setContinuationToken);
    try {
      ListObjectsV2Result result = OssRequests.send(() -> oss.listObjectsV2(list));
      List<ObjectInfo> objects = new ArrayList<>(result.getObjectSummaries().size());
      for (OSSObjectSummary summary : result.getObjectSummaries()) {
        Date time = summary.getLastModified();
        objects.add(
            ListingPages.entry(
                scope().relative(decode(summary.getKey())),
                summary.getSize(),
                time == null ? null : time.toInstant(),
                summary.getETag()));
      }
      List<String> prefixes = new ArrayList<>(result.getCommonPrefixes().size());
      for (String common : result.getCommonPrefixes()) {
        prefixes.add(scope().relative(decode(common)));
      }
      return ListingPages.of(
          objects,
          prefixes,
          result.isTruncated(),
          decode(result.getNextContinuationToken()),
          context);
    } catch (RuntimeException e) {
      throw OssErrors.map(context, settings.remote().bucket(), e);
    }
  }

  @Override
  public void delete(String key) {
    ErrorContext context = scope().context(StorageOperation.DELETE, key);
    try {
      String fullKey = fullKey(scope(), key, context);
      OssRequests.send(
          () ->
              oss.deleteObject(
                  OssRequests.unlogged(new GenericRequest(settings.remote().bucket(), fullKey))));
    } catch (RuntimeException e) {
      throw OssErrors.map(context, settings.remote().bucket(), e);
    }
  }

  /**
   * Deletes in one request and, as Litestream does, checks that every key comes back as deleted; a
   * key that does not is reported as failed, by name.
   */
  @Override
  public DeleteResult deleteAll(List<String> keys) {
    DeleteBatch batch =
        DeleteBatch.of(
            scope(),
            keys,
            capabilities().maxDeleteBatch(),
            (key, context) -> fullKey(scope(), key, context));
    if (keys.isEmpty()) {
      return batch.result();
    }
    DeleteObjectsResult result;
    try {
      DeleteObjectsRequest request =
          OssRequests.unlogged(new DeleteObjectsRequest(settings.remote().bucket()))
              .withKeys(new ArrayList<>(batch.fullKeys()))
              .withQuiet(false);
      result = OssRequests.send(() -> oss.deleteObjects(request));
    } catch (RuntimeException e) {
      throw OssErrors.map(batch.context(), settings.remote().bucket(), e);
    }
    result.getDeletedObjects().forEach(batch::deleted);
    return batch.result();
  }

  /** Checks a key, OSS's limits included, and returns its full key. */
  static String fullKey(StoreScope scope, String key, ErrorContext context) {
    String fullKey = scope.fullKey(key, context);
    if (key.indexOf('\uFFFE') >= 0 || key.indexOf('\uFFFF') >= 0) {
      // the SDK refuses characters XML 1.0 cannot carry, with an IllegalArgumentException
      throw new InvalidKeyException(
          context, "OSS keys cannot hold U+FFFE or U+FFFF (not characters in XML). Rename it.");
    }
    return fullKey;
  }

  /** Builds the SDK's metadata: content type, user metadata within OSS's 8 KiB, create-only. */
  static ObjectMetadata metadata(WriteOptions options, ErrorContext context) {
    ObjectMetadata metadata = new ObjectMetadata();
    HeaderMetadata.encodeWithin(options.userMetadata(), MAX_METADATA_BYTES, "OSS", context)
        .forEach(metadata::addUserMetadata);
    metadata.setContentType(options.contentType().orElse("application/octet-stream"));
    if (options.createOnly()) {
      metadata.setHeader(FORBID_OVERWRITE, "true");
    }
    return metadata;
  }

  private static String decode(String urlEncoded) {
    return urlEncoded == null ? null : URLDecoder.decode(urlEncoded, StandardCharsets.UTF_8);
  }

  static String hex(long crc) {
    return String.format("%016x", crc);
  }
}
