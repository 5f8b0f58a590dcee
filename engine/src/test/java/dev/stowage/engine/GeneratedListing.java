package dev.stowage.engine;

import dev.stowage.api.ByteRange;
import dev.stowage.api.Capabilities;
import dev.stowage.api.Content;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;

/**
 * A store that holds no object but lists as many as asked, made up from their index as the pages
 * are read: {@code k0000000}, {@code k0000001}, ... of a size and time that follow from the index.
 * A sync of a million keys can then be planned without a million objects. Only listing works.
 */
final class GeneratedListing implements ObjectStore {
  private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

  private final int count;
  private final IntPredicate present;
  private final IntPredicate larger;

  /**
   * @param count the indexes listed, from 0
   * @param present which of them exist
   * @param larger which of them are one byte larger than the rest
   */
  GeneratedListing(int count, IntPredicate present, IntPredicate larger) {
    this.count = count;
    this.present = present;
    this.larger = larger;
  }

  @Override
  public ListPage list(ListRequest request) {
    int from = request.continuationToken().map(Integer::parseInt).orElse(0);
    List<ObjectInfo> objects = new ArrayList<>();
    int index = from;
    for (; index < count && objects.size() < 1_000; index++) {
      if (present.test(index)) {
        objects.add(
            ObjectInfo.builder(String.format("k%07d", index), 100 + (larger.test(index) ? 1 : 0))
                .lastModified(TIME)
                .build());
      }
    }
    return index < count
        ? ListPage.truncated(objects, List.of(), String.valueOf(index))
        : ListPage.last(objects, List.of());
  }

  @Override
  public StorageLocation location() {
    return StorageLocation.parse("generated://listing/");
  }

  @Override
  public Capabilities capabilities() {
    return Capabilities.builder().build();
  }

  @Override
  public Optional<ObjectInfo> stat(String key) {
    throw new UnsupportedOperationException("a generated listing has no objects");
  }

  @Override
  public InputStream get(String key, ByteRange range) {
    throw new UnsupportedOperationException("a generated listing has no objects");
  }

  @Override
  public ObjectInfo put(String key, Content content, WriteOptions options) {
    throw new UnsupportedOperationException("a generated listing has no objects");
  }

  @Override
  public void delete(String key) {
    throw new UnsupportedOperationException("a generated listing has no objects");
  }

  @Override
  public void close() {}

  /**
   * Plans a sync of a million generated keys against a target that lacks every thousandth, holds
   * every five-hundredth at another size, and has a thousand of its own; prints the counts. Run in
   * a child JVM with a small heap by {@code SyncScaleTest}.
   */
  public static void main(String[] args) {
    int keys = Integer.parseInt(args[0]);
    GeneratedListing source = new GeneratedListing(keys, i -> true, i -> false);
    GeneratedListing target =
        new GeneratedListing(keys + 1_000, i -> i >= keys || i % 1_000 != 0, i -> i % 500 == 250);
    long[] actions = new long[2];
    try (TransferEngine engine = TransferEngine.create()) {
      SyncResult plan =
          engine.sync(
              source,
              "",
              target,
              "",
              SyncOptions.builder()
                  .dryRun(true)
                  .delete(true)
                  .comparison(SyncComparison.SIZE)
                  .listener(action -> actions[action.kind().ordinal()]++)
                  .build());
      System.out.printf(
          "copy=%d unchanged=%d delete=%d told=%d/%d heap=%d MiB%n",
          plan.copied(),
          plan.unchanged(),
          plan.deleted(),
          actions[0],
          actions[1],
          (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
    }
  }
}
