package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.engine.ProxyFault.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link TransferEngine#sync} from a local tree of 2,000 files to a filesystem store, oss-server
 * and S3Proxy: a second sync of the unchanged tree writes nothing (PUTs counted on the wire), a
 * change of 10 files sends those 10, a dry run changes nothing, and {@code --delete} beyond its
 * limit deletes nothing.
 */
class SyncTest {
  private static final int FILES = 2_000;

  @RegisterExtension static final ProxiedServers servers = new ProxiedServers("sync");

  @TempDir Path temp;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"fs", "oss", "s3"})
  void aSecondSyncOfAnUnchangedTreeWritesNothingAndAChangeSendsOnlyItself(String provider)
      throws IOException {
    Path tree = tree(FILES);
    try (ObjectStore local = Stores.filesystem(tree);
        ObjectStore target = target(provider);
        TransferEngine engine = TransferEngine.builder().concurrency(8).build()) {
      String prefix = "nightly-" + provider + "/";
      LongSupplier puts = puts(provider);

      SyncResult first = engine.sync(local, "", target, prefix, SyncOptions.DEFAULTS);
      assertThat(first.copied()).isEqualTo(FILES);
      assertThat(first.isComplete()).isTrue();

      long before = puts.getAsLong();
      SyncResult second = engine.sync(local, "", target, prefix, SyncOptions.DEFAULTS);
      assertThat(second.copied()).as("objects copied again").isZero();
      assertThat(second.unchanged()).isEqualTo(FILES);
      assertThat(puts.getAsLong() - before).as("writes sent by the second sync").isZero();
      assertThat(keys(target)).hasSize(FILES);

      // ten files changed: five rewritten with another size, five with the same size, later
      Instant later = Instant.now().plus(Duration.ofMinutes(5));
      for (int i = 0; i < 10; i++) {
        Path file = tree.resolve(name(i * 37));
        byte[] content = Files.readAllBytes(file);
        Files.write(file, i < 5 ? new byte[content.length + 1] : reversed(content));
        Files.setLastModifiedTime(file, FileTime.from(later));
      }
      before = puts.getAsLong();
      List<SyncAction> actions = new ArrayList<>();
      SyncResult third =
          engine.sync(
              local, "", target, prefix, SyncOptions.builder().listener(actions::add).build());
      assertThat(third.copied()).isEqualTo(10);
      assertThat(actions).hasSize(10).allMatch(a -> a.kind() == SyncAction.Kind.COPY);
      assertThat(puts.getAsLong() - before)
          .as("writes sent for 10 changed files")
          .isEqualTo(provider.equals("fs") ? 0 : 10);
    }
  }

  @Test
  void aDryRunChangesNothingAndADeleteBeyondItsLimitDeletesNothing() throws IOException {
    Path tree = tree(50);
    try (ObjectStore local = Stores.filesystem(tree);
        ObjectStore target = Stores.filesystem(Files.createDirectories(temp.resolve("target")));
        TransferEngine engine = TransferEngine.create()) {
      List<SyncAction> planned = new ArrayList<>();
      SyncResult dry =
          engine.sync(
              local,
              "",
              target,
              "",
              SyncOptions.builder().dryRun(true).listener(planned::add).build());
      assertThat(dry.copied()).isEqualTo(50);
      assertThat(planned).hasSize(50).allMatch(a -> a.reason().equals("missing"));
      assertThat(keys(target)).as("objects after a dry run").isEmpty();

      engine.sync(local, "", target, "", SyncOptions.DEFAULTS);
      for (int i = 0; i < 5; i++) {
        Files.delete(tree.resolve(name(i)));
      }
      List<String> before = keys(target);
      assertThatThrownBy(
              () ->
                  engine.sync(
                      local,
                      "",
                      target,
                      "",
                      SyncOptions.builder().delete(true).maxDelete(4).build()))
          .isInstanceOf(PermanentStorageException.class)
          .hasMessageContaining("would delete more than 4 objects")
          .hasMessageContaining("nothing was deleted");
      assertThat(keys(target)).as("objects after a refused delete").isEqualTo(before);

      SyncResult dryDelete =
          engine.sync(
              local, "", target, "", SyncOptions.builder().delete(true).dryRun(true).build());
      assertThat(dryDelete.deleted()).isEqualTo(5);
      assertThat(keys(target)).isEqualTo(before);

      SyncResult deleting =
          engine.sync(
              local, "", target, "", SyncOptions.builder().delete(true).maxDelete(5).build());
      assertThat(deleting.deleted()).isEqualTo(5);
      assertThat(keys(target)).hasSize(45).isEqualTo(keys(local));
    }
  }

  private ObjectStore target(String provider) throws IOException {
    return switch (provider) {
      case "fs" -> Stores.filesystem(Files.createDirectories(temp.resolve("target")));
      // through the provider's proxy, where the PUTs are counted
      default -> servers.open(provider, java.util.Map.of());
    };
  }

  /**
   * Counts PUT requests on the wire: a fault that matches every PUT and does nothing. A filesystem
   * store has no wire: its count stays 0, and the sync's own counts speak for it.
   */
  private LongSupplier puts(String provider) {
    if (provider.equals("fs")) {
      return () -> 0;
    }
    FaultProxy proxy = servers.proxy(provider);
    proxy.inject(ProxyFault.stall(Duration.ZERO).when("PUT", "").times(Integer.MAX_VALUE));
    return () -> proxy.fired().get(Kind.STALL);
  }

  private Path tree(int files) throws IOException {
    Path tree = Files.createDirectories(temp.resolve("tree"));
    Instant earlier = Instant.now().minus(Duration.ofDays(1));
    for (int i = 0; i < files; i++) {
      Path file = tree.resolve(name(i));
      Files.createDirectories(file.getParent());
      Files.write(file, Stores.bytes(100 + i % 300));
      Files.setLastModifiedTime(file, FileTime.from(earlier));
    }
    return tree;
  }

  private static String name(int i) {
    return "d" + (i % 20) + "/f" + i;
  }

  private static byte[] reversed(byte[] content) {
    byte[] reversed = new byte[content.length];
    for (int i = 0; i < content.length; i++) {
      reversed[i] = (byte) ~content[content.length - 1 - i];
    }
    return reversed;
  }

  private static List<String> keys(ObjectStore store) {
    try (Stream<ObjectInfo> objects =
        dev.stowage.engine.internal.Listings.objects(store, ListRequest.of(""))) {
      return objects.map(ObjectInfo::key).toList();
    }
  }
}
