package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Content;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Symbolic links on both sides of a local transfer: an upload of a folder leaves each link out and
 * names it, or follows them and leaves out only loops and links to nothing; a download never writes
 * through a link already in its destination.
 */
class SymbolicLinksTest {
  @TempDir Path temp;
  private Path source;
  private Path outside;
  private ObjectStore store;
  private TransferEngine engine;

  @BeforeEach
  void tree() throws IOException {
    outside = Files.createDirectories(temp.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "outside the folder");
    source = Files.createDirectories(temp.resolve("source"));
    Files.writeString(source.resolve("plain.txt"), "plain");
    Files.createDirectories(source.resolve("sub"));
    Files.writeString(source.resolve("sub/inner.txt"), "inner");
    Files.createSymbolicLink(source.resolve("to-file"), source.resolve("plain.txt"));
    Files.createSymbolicLink(source.resolve("to-outside"), outside);
    Files.createSymbolicLink(source.resolve("sub/loop"), source);
    Files.createSymbolicLink(source.resolve("dangling"), temp.resolve("nothing-here"));
    store = Stores.filesystem(Files.createDirectories(temp.resolve("store")));
    engine = TransferEngine.builder().build();
  }

  @AfterEach
  void close() {
    engine.close();
    store.close();
  }

  @Test
  void anUploadLeavesEachLinkOutAndNamesIt() {
    BatchResult result = engine.uploadAll(source, store, "up/", WriteOptions.DEFAULTS);

    assertThat(keys("up/")).containsExactlyInAnyOrder("up/plain.txt", "up/sub/inner.txt");
    assertThat(result.objects()).isEqualTo(2);
    assertThat(result.skipped())
        .containsOnlyKeys("to-file", "to-outside", "dangling", Path.of("sub", "loop").toString())
        .allSatisfy((path, why) -> assertThat(why).isEqualTo("a symbolic link, not followed"));
  }

  @Test
  void anUploadThatFollowsLinksLeavesOutOnlyLoopsAndLinksToNothing() {
    BatchResult result =
        engine.uploadAll(source, SymbolicLinks.FOLLOW, store, "up/", WriteOptions.DEFAULTS);

    assertThat(keys("up/"))
        .containsExactlyInAnyOrder(
            "up/plain.txt", "up/sub/inner.txt", "up/to-file", "up/to-outside/secret.txt");
    assertThat(result.skipped())
        .containsOnly(
            Map.entry(
                "dangling", "a symbolic link to nothing (" + temp.resolve("nothing-here") + ")"),
            Map.entry(
                Path.of("sub", "loop").toString(),
                "a symbolic link to a folder it is in (a loop)"));
  }

  @Test
  void aDownloadRefusesALinkInItsDestinationAndWritesNothingThrough() throws IOException {
    store.put(
        "down/sub/a.txt", Content.ofBytes("from the store".getBytes()), WriteOptions.DEFAULTS);
    store.put("down/b.txt", Content.ofBytes("bee".getBytes()), WriteOptions.DEFAULTS);
    Path destination = Files.createDirectories(temp.resolve("destination"));
    Files.createSymbolicLink(destination.resolve("sub"), outside);

    BatchResult result = engine.downloadAll(store, "down/", destination);

    assertThat(result.objects()).isEqualTo(1);
    assertThat(result.failures()).containsOnlyKeys("down/sub/a.txt");
    assertThat(result.failures().get("down/sub/a.txt"))
        .hasMessageContaining(destination.resolve("sub") + " is a symbolic link")
        .hasMessageContaining("a download never writes through one");
    assertThat(outside).isDirectoryNotContaining("glob:**/a.txt");
    assertThat(Files.readString(destination.resolve("b.txt"))).isEqualTo("bee");
  }

  @Test
  void aDownloadOntoALinkIsRefused() throws IOException {
    store.put("one.txt", Content.ofBytes("one".getBytes()), WriteOptions.DEFAULTS);
    Path link = Files.createSymbolicLink(temp.resolve("one.txt"), outside.resolve("secret.txt"));

    assertThatThrownBy(() -> engine.download(store, "one.txt", link))
        .isInstanceOf(PermanentStorageException.class)
        .hasMessageContaining(link + " is a symbolic link");
    assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("outside the folder");
    assertThat(Files.isSymbolicLink(link)).isTrue();
  }

  private List<String> keys(String prefix) {
    return store.list(ListRequest.of(prefix)).objects().stream().map(ObjectInfo::key).toList();
  }
}
