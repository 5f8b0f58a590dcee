package dev.stowage.tck;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import dev.stowage.api.DeleteResult;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.Keys;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.MultipartUpload;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.Page;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.UnsupportedCapabilityException;
import dev.stowage.api.WriteOptions;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A store as a live run sees it after {@link CapabilityOverrides}: the withdrawn capabilities are
 * not declared, and the operations that need them fail as the contract requires of an undeclared
 * capability. Everything else goes to the real store.
 */
final class WithdrawingStore implements ObjectStore {
  private final ObjectStore store;
  private final Capabilities capabilities;
  private final boolean slashWithdrawn;

  WithdrawingStore(ObjectStore store, CapabilityOverrides overrides) {
    this.store = store;
    this.capabilities = overrides.applyTo(store.capabilities());
    this.slashWithdrawn =
        store.capabilities().supports(Capability.LEADING_SLASH_KEYS)
            && !capabilities.supports(Capability.LEADING_SLASH_KEYS);
  }

  @Override
  public StorageLocation location() {
    return store.location();
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    return store.stat(valid(key, StorageOperation.STAT));
  }

  @Override
  public InputStream get(String key, ByteRange range) {
    return store.get(valid(key, StorageOperation.READ), range);
  }

  @Override
  public ObjectInfo put(String key, Content content, WriteOptions options) {
    valid(key, StorageOperation.WRITE);
    if (options.createOnly()) {
      require(Capability.CONDITIONAL_CREATE, StorageOperation.WRITE, key);
    }
    if (!options.userMetadata().isEmpty()) {
      require(Capability.USER_METADATA, StorageOperation.WRITE, key);
    }
    return store.put(key, content, options);
  }

  @Override
  public ListPage list(ListRequest request) {
    if (slashWithdrawn) {
      Keys.requireValidPrefix(request.prefix(), capabilities, context(StorageOperation.LIST));
    }
    return store.list(request);
  }

  @Override
  public void delete(String key) {
    store.delete(valid(key, StorageOperation.DELETE));
  }

  @Override
  public DeleteResult deleteAll(List<String> keys) {
    keys.forEach(key -> valid(key, StorageOperation.DELETE));
    return store.deleteAll(keys);
  }

  @Override
  public MultipartUpload initiateMultipart(String key, WriteOptions options) {
    require(Capability.MULTIPART, StorageOperation.INITIATE_MULTIPART, key);
    return store.initiateMultipart(valid(key, StorageOperation.INITIATE_MULTIPART), options);
  }

  @Override
  public CompletedPart uploadPart(MultipartUpload upload, int partNumber, Content content) {
    require(Capability.MULTIPART, StorageOperation.UPLOAD_PART, upload.key());
    return store.uploadPart(upload, partNumber, content);
  }

  @Override
  public CompletedPart uploadPart(
      MultipartUpload upload,
      int partNumber,
      Content content,
      Map<ChecksumAlgorithm, String> expectedChecksums) {
    require(Capability.MULTIPART, StorageOperation.UPLOAD_PART, upload.key());
    if (!expectedChecksums.isEmpty()) {
      require(
          Capability.VERIFIES_EXPECTED_PART_CHECKSUMS, StorageOperation.UPLOAD_PART, upload.key());
    }
    return store.uploadPart(upload, partNumber, content, expectedChecksums);
  }

  @Override
  public ObjectInfo completeMultipart(MultipartUpload upload, List<CompletedPart> parts) {
    require(Capability.MULTIPART, StorageOperation.COMPLETE_MULTIPART, upload.key());
    return store.completeMultipart(upload, parts);
  }

  @Override
  public void abortMultipart(MultipartUpload upload) {
    require(Capability.MULTIPART, StorageOperation.ABORT_MULTIPART, upload.key());
    store.abortMultipart(upload);
  }

  @Override
  public ObjectInfo copy(String sourceKey, String targetKey, WriteOptions options) {
    require(Capability.COPY, StorageOperation.COPY, sourceKey);
    valid(sourceKey, StorageOperation.COPY);
    valid(targetKey, StorageOperation.COPY);
    if (options.createOnly()) {
      require(Capability.CONDITIONAL_CREATE, StorageOperation.COPY, targetKey);
    }
    if (!options.userMetadata().isEmpty()) {
      require(Capability.USER_METADATA, StorageOperation.COPY, targetKey);
    }
    return store.copy(sourceKey, targetKey, options);
  }

  @Override
  public CompletedPart copyPart(
      MultipartUpload upload, int partNumber, ObjectInfo source, ByteRange range) {
    require(Capability.MULTIPART_COPY, StorageOperation.COPY_PART, upload.key());
    return store.copyPart(upload, partNumber, source, range);
  }

  @Override
  public Page<CompletedPart> listParts(MultipartUpload upload, String token) {
    require(Capability.MULTIPART, StorageOperation.LIST_PARTS, upload.key());
    return store.listParts(upload, token);
  }

  @Override
  public Page<MultipartUpload> listMultipartUploads(String prefix, String token) {
    require(Capability.LIST_MULTIPART_UPLOADS, StorageOperation.LIST_MULTIPART_UPLOADS, prefix);
    return store.listMultipartUploads(prefix, token);
  }

  @Override
  public void close() {
    store.close();
  }

  @Override
  public String toString() {
    return store.toString();
  }

  /**
   * Checks a key by the rules of the capabilities as withdrawn: with {@link
   * Capability#LEADING_SLASH_KEYS} withdrawn, a key that starts with '/' is refused, as a store
   * that does not declare it must.
   */
  private String valid(String key, StorageOperation operation) {
    if (slashWithdrawn) {
      Keys.requireValid(key, capabilities, context(operation));
    }
    return key;
  }

  private ErrorContext context(StorageOperation operation) {
    return ErrorContext.of(operation, store.location());
  }

  private void require(Capability capability, StorageOperation operation, String key) {
    if (!capabilities.supports(capability)) {
      throw new UnsupportedCapabilityException(
          ErrorContext.of(operation, store.location()).withKey(key),
          capability + " is withdrawn by a capability override for this compliance run");
    }
  }
}
