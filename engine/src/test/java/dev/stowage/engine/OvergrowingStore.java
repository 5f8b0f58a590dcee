package dev.stowage.engine;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * A store as the S3-compatible servers that keep the SDK's chunk framing looked through a provider
 * that reported the sender's word: every write stores one byte more than it was given, and the
 * answer says the size it was given. Reads, stats and deletes go to the real store, so what a test
 * sees is what the real store holds. Single writes only.
 */
final class OvergrowingStore implements ObjectStore {
  private final ObjectStore store;

  OvergrowingStore(ObjectStore store) {
    this.store = store;
  }

  @Override
  public StorageLocation location() {
    return store.location();
  }

  @Override
  public Capabilities capabilities() {
    return store.capabilities().toBuilder()
        .withoutFeatures(
            Set.of(
                Capability.MULTIPART,
                Capability.COPY,
                Capability.MULTIPART_COPY,
                Capability.LIST_MULTIPART_UPLOADS,
                // a store that checked the expected checksum would refuse the extra byte itself
                Capability.VERIFIES_EXPECTED_CHECKSUMS))
        .build();
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    return store.stat(key);
  }

  @Override
  public InputStream get(String key, ByteRange range) {
    return store.get(key, range);
  }

  @Override
  public ObjectInfo put(String key, Content content, WriteOptions options) {
    byte[] given;
    try (InputStream in = content.open()) {
      given = in.readAllBytes();
    } catch (IOException e) {
      throw new IntegrityException(
          ErrorContext.of(StorageOperation.WRITE, location()).withKey(key),
          "the test could not read the content it was given: " + e.getMessage());
    }
    store.put(key, Content.ofBytes(Arrays.copyOf(given, given.length + 1)), options);
    return ObjectInfo.builder(key, given.length).build();
  }

  @Override
  public ListPage list(ListRequest request) {
    return store.list(request);
  }

  @Override
  public void delete(String key) {
    store.delete(key);
  }

  @Override
  public void close() {
    // the real store belongs to the test
  }
}
