package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Capabilities;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.internal.Listings;
import java.io.InputStream;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ListingsTest {
  /** A store whose listing always claims there is more, with tokens in a cycle: LST-03. */
  private static final class StuckStore implements ObjectStore {
    final AtomicInteger pages = new AtomicInteger();
    private final List<String> tokens;

    StuckStore(String... tokens) {
      this.tokens = List.of(tokens);
    }

    @Override
    public ListPage list(ListRequest request) {
      int page = pages.getAndIncrement();
      if (page > 1_000) {
        throw new AssertionError("the listing went on for 1,000 pages");
      }
      return ListPage.truncated(
          List.of(ObjectInfo.builder("k", 1).build()), List.of(), tokens.get(page % tokens.size()));
    }

    @Override
    public StorageLocation location() {
      return StorageLocation.parse("stuck://bucket/");
    }

    @Override
    public Capabilities capabilities() {
      return Capabilities.builder().build();
    }

    @Override
    public Optional<ObjectInfo> stat(String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public InputStream get(String key, dev.stowage.api.ByteRange range) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ObjectInfo put(String key, dev.stowage.api.Content content, WriteOptions options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void delete(String key) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  @Test
  void stopsAStoreThatRepeatsItsContinuationToken() {
    StuckStore store = new StuckStore("same");
    assertThatThrownBy(() -> Listings.objects(store, ListRequest.of("")).count())
        .isInstanceOf(PermanentStorageException.class)
        .hasMessageContaining("continuation token 'same' it gave before");
    assertThat(store.pages.get()).isEqualTo(2);
  }

  @Test
  void stopsAStoreWhoseTokensGoRoundInACycle() {
    StuckStore store = new StuckStore("a", "b", "c");
    assertThatThrownBy(() -> Listings.objects(store, ListRequest.of("")).count())
        .isInstanceOf(PermanentStorageException.class)
        .hasMessageContaining("continuation token 'a' it gave before");
    assertThat(store.pages.get()).isEqualTo(4);
  }
}
