package dev.stowage.engine;

import static dev.stowage.engine.Stores.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The engine trusts the store's word, not the answer a provider makes up: a write whose answer
 * gives the size it was sent while the store holds one byte more (what the SDK's chunk framing did
 * on servers that keep it) is caught on every provider, through what its stat reports, and nothing
 * is kept.
 */
class StoresWordTest {
  @RegisterExtension static final ProxiedServers SERVERS = new ProxiedServers("stores-word");

  @TempDir static Path temp;

  private static ObjectStore filesystem;
  private static TransferEngine engine;

  @BeforeAll
  static void open() {
    filesystem = Stores.filesystem(temp.resolve("fs"));
    engine =
        TransferEngine.builder()
            .retry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(2)))
            .build();
  }

  @AfterAll
  static void close() {
    engine.close();
    filesystem.close();
  }

  static Stream<String> providers() {
    return Stream.concat(Stream.of("file"), ProxiedServers.PROVIDERS.stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("providers")
  void refusesAnObjectThatHoldsMoreThanTheWriteAnswered(String provider) {
    ObjectStore store = provider.equals("file") ? filesystem : SERVERS.store(provider);
    byte[] content = bytes(1_000);
    String key = "overgrown-" + provider;

    assertThatThrownBy(
            () ->
                engine.upload(
                    Content.ofBytes(content),
                    new OvergrowingStore(store),
                    key,
                    WriteOptions.DEFAULTS))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("the store holds 1001 bytes where 1000 were sent")
        .hasMessageContaining("Nothing was kept");
    assertThat(store.stat(key)).as("the refused object").isEmpty();
  }
}
