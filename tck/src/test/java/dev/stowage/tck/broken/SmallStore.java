package dev.stowage.tck.broken;

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
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A correct store in memory, as small as the contract allows: the kit passes it, and each store of
 * {@link BrokenStores} breaks one promise of it. Objects and uploads live in a {@link Bucket} that
 * every instance opened on it shares, as a server's would.
 */
class SmallStore implements ObjectStore {
  static final Capabilities CAPABILITIES =
      Capabilities.builder()
          .features(
              Capability.MULTIPART,
              Capability.CONDITIONAL_CREATE,
              Capability.RANGED_READ,
              Capability.NESTED_KEYS)
          .parts(1, 64L * 1024 * 1024, 10_000)
          .maxSingleWriteSize(64L * 1024 * 1024)
          .build();

  /** What the instances of one store share. */
  static final class Bucket {
    final NavigableMap<String, Stored> objects = new ConcurrentSkipListMap<>(Keys.UTF8_ORDER);
    final Map<String, Upload> uploads = new ConcurrentHashMap<>();
  }

  record Stored(byte[] bytes, String etag, Instant modified) {}

  record Upload(String key, Map<Integer, Stored> parts) {}

  final Bucket bucket;
  private final StorageLocation location = StorageLocation.parse("small://bucket/");
  private volatile boolean closed;

  SmallStore(Bucket bucket) {
    this.bucket = bucket;
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
    valid(key, StorageOperation.STAT);
    return Optional.ofNullable(bucket.objects.get(key)).map(stored -> describe(key, stored));
  }

  @Override
  public InputStream get(String key, ByteRange range) {
    valid(key, StorageOperation.READ);
    Stored stored = bucket.objects.get(key);
    if (stored == null) {
      throw new ObjectNotFoundException(context(StorageOperation.READ, key), "no such object");
    }
    int from = (int) Math.min(range.offset(), stored.bytes().length);
    int length = (int) range.lengthWithin(stored.bytes().length);
    return new ByteArrayInputStream(stored.bytes(), from, Math.max(0, length));
  }

  @Override
  public ObjectInfo put(String key, Content content, WriteOptions options) {
    valid(key, StorageOperation.WRITE);
    noMetadata(key, options, StorageOperation.WRITE);
    Stored stored = new Stored(exactly(key, content), tag(), Instant.now());
    publish(key, stored, options.createOnly(), StorageOperation.WRITE);
    return describe(key, stored);
  }

  /** Puts an object under a key, or, create-only, refuses a key that is taken. */
  void publish(String key, Stored stored, boolean createOnly, StorageOperation operation) {
    if (!createOnly) {
      bucket.objects.put(key, stored);
    } else if (bucket.objects.putIfAbsent(key, stored) != null) {
      throw new PreconditionFailedException(context(operation, key), "the key is taken");
    }
  }

  @Override
  public ListPage list(ListRequest request) {
    checkOpen();
    TreeMap<String, Optional<Stored>> entries = new TreeMap<>(Keys.UTF8_ORDER);
    for (Map.Entry<String, Stored> object : bucket.objects.tailMap(request.prefix()).entrySet()) {
      String key = object.getKey();
      if (!key.startsWith(request.prefix())) {
        break;
      }
      int cut = request.delimiter().map(d -> key.indexOf(d, request.prefix().length())).orElse(-1);
      if (cut < 0) {
        entries.put(key, Optional.of(object.getValue()));
      } else {
        entries.put(key.substring(0, cut + request.delimiter().get().length()), Optional.empty());
      }
    }
    Optional<String> after = request.continuationToken().or(request::startAfter);
    List<String> names =
        new ArrayList<>(after.map(a -> entries.tailMap(a, false)).orElse(entries).keySet());
    List<ObjectInfo> objects = new ArrayList<>();
    List<String> prefixes = new ArrayList<>();
    for (String name : names.subList(0, Math.min(names.size(), request.pageSize()))) {
      entries
          .get(name)
          .ifPresentOrElse(stored -> objects.add(describe(name, stored)), () -> prefixes.add(name));
    }
    return names.size() > request.pageSize()
        ? ListPage.truncated(objects, prefixes, names.get(request.pageSize() - 1))
        : ListPage.last(objects, prefixes);
  }

  @Override
  public void delete(String key) {
    valid(key, StorageOperation.DELETE);
    bucket.objects.remove(key);
  }

  @Override
  public MultipartUpload initiateMultipart(String key, WriteOptions options) {
    valid(key, StorageOperation.INITIATE_MULTIPART);
    noMetadata(key, options, StorageOperation.INITIATE_MULTIPART);
    String id = tag();
    bucket.uploads.put(id, new Upload(key, new ConcurrentSkipListMap<>()));
    return MultipartUpload.builder(key, id).createOnly(options.createOnly()).build();
  }

  @Override
  public CompletedPart uploadPart(MultipartUpload upload, int partNumber, Content content) {
    Upload open = open(upload, StorageOperation.UPLOAD_PART);
    Stored part = new Stored(exactly(upload.key(), content), tag(), Instant.now());
    open.parts().put(partNumber, part);
    return new CompletedPart(partNumber, part.etag(), part.bytes().length);
  }

  @Override
  public ObjectInfo completeMultipart(MultipartUpload upload, List<CompletedPart> parts) {
    Upload open = open(upload, StorageOperation.COMPLETE_MULTIPART);
    for (CompletedPart part : parts) {
      Stored uploaded = open.parts().get(part.partNumber());
      if (uploaded == null || !uploaded.etag().equals(part.etag())) {
        throw new PreconditionFailedException(
            context(StorageOperation.COMPLETE_MULTIPART, upload.key()),
            "part " + part.partNumber() + " was not uploaded with that tag");
      }
    }
    Stored stored = new Stored(join(open, parts), tag(), Instant.now());
    publish(upload.key(), stored, upload.createOnly(), StorageOperation.COMPLETE_MULTIPART);
    bucket.uploads.remove(upload.uploadId());
    return describe(upload.key(), stored);
  }

  @Override
  public void abortMultipart(MultipartUpload upload) {
    checkOpen();
    bucket.uploads.remove(upload.uploadId());
  }

  @Override
  public Page<CompletedPart> listParts(MultipartUpload upload, String token) {
    List<CompletedPart> parts = new ArrayList<>();
    open(upload, StorageOperation.LIST_PARTS)
        .parts()
        .forEach(
            (number, part) ->
                parts.add(new CompletedPart(number, part.etag(), part.bytes().length)));
    return Page.last(parts);
  }

  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + location + "]";
  }

  /** Joins the parts named, in the order named. */
  byte[] join(Upload upload, List<CompletedPart> parts) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (CompletedPart part : parts) {
      joined.writeBytes(upload.parts().get(part.partNumber()).bytes());
    }
    return joined.toByteArray();
  }

  ObjectInfo describe(String key, Stored stored) {
    return ObjectInfo.builder(key, stored.bytes().length)
        .etag(stored.etag())
        .lastModified(stored.modified())
        .build();
  }

  private Upload open(MultipartUpload upload, StorageOperation operation) {
    checkOpen();
    Upload open = bucket.uploads.get(upload.uploadId());
    if (open == null || !open.key().equals(upload.key())) {
      throw new ObjectNotFoundException(context(operation, upload.key()), "no such upload");
    }
    return open;
  }

  private byte[] exactly(String key, Content content) {
    try (InputStream in = content.open()) {
      byte[] bytes = in.readNBytes((int) content.length());
      if (bytes.length != content.length() || in.read() >= 0) {
        throw new IntegrityException(
            context(StorageOperation.WRITE, key), "the content is not the length it declared");
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void noMetadata(String key, WriteOptions options, StorageOperation operation) {
    if (!options.userMetadata().isEmpty()) {
      throw new UnsupportedCapabilityException(
          context(operation, key), "the store keeps no user metadata");
    }
  }

  private void valid(String key, StorageOperation operation) {
    checkOpen();
    Keys.requireValid(key, CAPABILITIES.maxKeyBytes(), ErrorContext.of(operation, location));
  }

  private ErrorContext context(StorageOperation operation, String key) {
    return ErrorContext.of(operation, location).withKey(key);
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException(this + " is closed");
    }
  }

  private static String tag() {
    return UUID.randomUUID().toString().replace("-", "");
  }
}
