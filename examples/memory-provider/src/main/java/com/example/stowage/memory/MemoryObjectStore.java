package com.example.stowage.memory;

import com.example.stowage.memory.MemoryBucket.StoredObject;
import com.example.stowage.memory.MemoryBucket.Upload;
import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.Keys;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Page;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A store over a {@link MemoryBucket}: the location's path is a prefix of the bucket's keys.
 * Thread-safe; all coordination (parallel parts, retries, checksums across parts) is the engine's.
 */
final class MemoryObjectStore implements ObjectStore {
  private static final Capabilities CAPABILITIES =
      Capabilities.builder()
          .features(
              Capability.MULTIPART,
              Capability.LIST_MULTIPART_UPLOADS,
              Capability.CONDITIONAL_CREATE,
              Capability.RANGED_READ,
              Capability.USER_METADATA,
              Capability.ATOMIC_WRITE,
              Capability.NESTED_KEYS,
              Capability.LEADING_SLASH_KEYS)
          .parts(1, 64L * 1024 * 1024, 10_000)
          .maxSingleWriteSize(256L * 1024 * 1024)
          .build();

  private final StorageLocation location;
  private final MemoryBucket bucket;
  private final String root;
  private volatile boolean closed;

  MemoryObjectStore(StorageLocation location, MemoryBucket bucket) {
    this.location = location;
    this.bucket = bucket;
    this.root = location.path().isEmpty() ? "" : location.path() + "/";
  }

  @Override
  public StorageLocation location() {
    return location;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    checkOpen();
    valid(key, StorageOperation.STAT);
    StoredObject object = bucket.objects.get(root + key);
    return Optional.ofNullable(object).map(o -> info(key, o));
  }

  @Override
  public InputStream get(String key, ByteRange range) {
    checkOpen();
    valid(key, StorageOperation.READ);
    StoredObject object = bucket.objects.get(root + key);
    if (object == null) {
      throw new ObjectNotFoundException(
          context(StorageOperation.READ).withKey(key), "no object " + key);
    }
    byte[] content = object.content();
    int offset = (int) Math.min(range.offset(), content.length);
    int length = (int) range.lengthWithin(content.length);
    return new ByteArrayInputStream(content, offset, Math.max(0, length));
  }

  @Override
  public ObjectInfo put(String key, Content content, dev.stowage.api.WriteOptions options) {
    checkOpen();
    valid(key, StorageOperation.WRITE);
    byte[] bytes = readExactly(key, content);
    StoredObject object =
        new StoredObject(bytes, options.userMetadata(), Instant.now(), etag());
    store(key, object, options.createOnly());
    return info(key, object);
  }

  private void store(String key, StoredObject object, boolean createOnly) {
    if (!bucket.reserve(object.content().length)) {
      throw new PermanentStorageException(
          context(StorageOperation.WRITE).withKey(key),
          "the bucket is full; raise mem.max-bytes or delete objects");
    }
    StoredObject previous;
    if (createOnly) {
      previous = bucket.objects.putIfAbsent(root + key, object);
      if (previous != null) {
        bucket.release(object.content().length);
        throw new PreconditionFailedException(
            context(StorageOperation.WRITE).withKey(key), "the object exists and createOnly is set");
      }
    } else {
      previous = bucket.objects.put(root + key, object);
      if (previous != null) {
        bucket.release(previous.content().length);
      }
    }
  }

  @Override
  public ListPage list(ListRequest request) {
    checkOpen();
    Keys.requireValidPrefix(request.prefix(), CAPABILITIES, context(StorageOperation.LIST));
    String prefix = root + request.prefix();
    String after = request.continuationToken().or(request::startAfter).map(k -> root + k)
        .orElse(null);
    List<ObjectInfo> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    String last = null;
    for (Map.Entry<String, StoredObject> entry : tail(prefix, after).entrySet()) {
      String key = entry.getKey();
      if (!key.startsWith(prefix)) {
        break;
      }
      String relative = key.substring(root.length());
      Optional<String> delimiter = request.delimiter();
      if (delimiter.isPresent()) {
        int at = key.indexOf(delimiter.get(), prefix.length());
        if (at >= 0) {
          String common = key.substring(0, at + delimiter.get().length());
          if (after != null && common.equals(after) || prefixes.contains(rel(common))) {
            continue; // the rest of a prefix already rolled up
          }
          if (objects.size() + prefixes.size() == request.pageSize()) {
            return ListPage.truncated(objects, prefixes, rel(last));
          }
          prefixes.add(rel(common));
          last = common;
          continue;
        }
      }
      if (objects.size() + prefixes.size() == request.pageSize()) {
        return ListPage.truncated(objects, prefixes, rel(last));
      }
      objects.add(info(relative, entry.getValue()));
      last = key;
    }
    return ListPage.last(objects, prefixes);
  }

  private Map<String, StoredObject> tail(String prefix, String after) {
    if (after == null || Keys.UTF8_ORDER.compare(after, prefix) < 0) {
      return bucket.objects.tailMap(prefix, true);
    }
    return bucket.objects.tailMap(after, false);
  }

  private String rel(String key) {
    return key.substring(root.length());
  }

  @Override
  public void delete(String key) {
    checkOpen();
    valid(key, StorageOperation.DELETE);
    StoredObject removed = bucket.objects.remove(root + key);
    if (removed != null) {
      bucket.release(removed.content().length);
    }
  }

  @Override
  public MultipartUpload initiateMultipart(String key, dev.stowage.api.WriteOptions options) {
    checkOpen();
    valid(key, StorageOperation.INITIATE_MULTIPART);
    Upload upload =
        new Upload(
            root + key,
            options.userMetadata(),
            options.createOnly(),
            Instant.now(),
            new ConcurrentSkipListMap<>());
    String id = UUID.randomUUID().toString();
    bucket.uploads.put(id, upload);
    return MultipartUpload.builder(key, id)
        .initiated(upload.initiated())
        .createOnly(options.createOnly())
        .build();
  }

  @Override
  public CompletedPart uploadPart(MultipartUpload upload, int partNumber, Content content) {
    checkOpen();
    Upload inProgress = upload(upload, StorageOperation.UPLOAD_PART);
    if (partNumber < 1 || partNumber > CAPABILITIES.maxParts()) {
      throw new IllegalArgumentException(
          "part number " + partNumber + " is outside 1.." + CAPABILITIES.maxParts());
    }
    byte[] bytes = readExactly(upload.key(), content);
    StoredObject part = new StoredObject(bytes, Map.of(), Instant.now(), etag());
    inProgress.parts().put(partNumber, part);
    return new CompletedPart(partNumber, part.etag(), bytes.length);
  }

  @Override
  public ObjectInfo completeMultipart(MultipartUpload upload, List<CompletedPart> parts) {
    checkOpen();
    Upload inProgress = upload(upload, StorageOperation.COMPLETE_MULTIPART);
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    int previous = 0;
    for (CompletedPart part : parts) {
      StoredObject uploaded = inProgress.parts().get(part.partNumber());
      if (part.partNumber() <= previous
          || uploaded == null
          || !uploaded.etag().equals(part.etag())) {
        throw new PreconditionFailedException(
            context(StorageOperation.COMPLETE_MULTIPART).withKey(upload.key()),
            "part " + part.partNumber() + " was not uploaded with that tag, or is out of order");
      }
      previous = part.partNumber();
      joined.writeBytes(uploaded.content());
    }
    StoredObject object =
        new StoredObject(joined.toByteArray(), inProgress.metadata(), Instant.now(), etag());
    store(upload.key(), object, inProgress.createOnly() || upload.createOnly());
    bucket.uploads.remove(upload.uploadId());
    return info(upload.key(), object);
  }

  @Override
  public void abortMultipart(MultipartUpload upload) {
    checkOpen();
    bucket.uploads.remove(upload.uploadId());
  }

  @Override
  public Page<CompletedPart> listParts(MultipartUpload upload, String token) {
    checkOpen();
    Upload inProgress = upload(upload, StorageOperation.LIST_PARTS);
    List<CompletedPart> parts = new ArrayList<>();
    inProgress
        .parts()
        .forEach(
            (number, part) ->
                parts.add(new CompletedPart(number, part.etag(), part.content().length)));
    return Page.last(parts);
  }

  @Override
  public Page<MultipartUpload> listMultipartUploads(String prefix, String token) {
    checkOpen();
    Keys.requireValidPrefix(
        prefix, CAPABILITIES, context(StorageOperation.LIST_MULTIPART_UPLOADS));
    List<MultipartUpload> found = new ArrayList<>();
    bucket.uploads.forEach(
        (id, upload) -> {
          if (upload.key().startsWith(root + prefix)) {
            found.add(
                MultipartUpload.builder(rel(upload.key()), id)
                    .initiated(upload.initiated())
                    .createOnly(upload.createOnly())
                    .build());
          }
        });
    return Page.last(found);
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "MemoryObjectStore[" + location + "]";
  }

  private Upload upload(MultipartUpload upload, StorageOperation operation) {
    Upload inProgress = bucket.uploads.get(upload.uploadId());
    if (inProgress == null || !inProgress.key().equals(root + upload.key())) {
      throw new ObjectNotFoundException(
          context(operation).withKey(upload.key()),
          "no upload " + upload.uploadId() + " in progress; it was completed or aborted");
    }
    return inProgress;
  }

  private byte[] readExactly(String key, Content content) {
    long declared = content.length();
    if (declared > CAPABILITIES.maxSingleWriteSize()) {
      throw new PermanentStorageException(
          context(StorageOperation.WRITE).withKey(key),
          declared + " bytes is more than one write may hold; use a multipart upload");
    }
    try (InputStream in = content.open()) {
      byte[] bytes = in.readNBytes((int) declared);
      if (bytes.length < declared || in.read() != -1) {
        throw new IntegrityException(
            context(StorageOperation.WRITE).withKey(key),
            "the content is "
                + (bytes.length < declared ? "shorter" : "longer")
                + " than the "
                + declared
                + " bytes it declared; nothing was written");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the content for " + key, e);
    }
  }

  private ObjectInfo info(String key, StoredObject object) {
    return ObjectInfo.builder(key, object.content().length)
        .lastModified(object.modified())
        .etag(object.etag())
        .userMetadata(object.metadata())
        .build();
  }

  private void valid(String key, StorageOperation operation) {
    Keys.requireValid(key, CAPABILITIES, context(operation));
  }

  private ErrorContext context(StorageOperation operation) {
    return ErrorContext.of(operation, location);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the store " + location + " is closed");
    }
  }

  private static String etag() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
