package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.StorageFullException;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ProxyFault.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * An S3-compatible store out of space (MinIO answers 507 XMinioStorageFull): the write fails as
 * {@link StorageFullException}, never retried, and a batch stops at the first instead of sending
 * every file to be refused.
 */
class StoreFullTest {
  private static final String BUCKET = "store-full";

  @RegisterExtension static final ProxiedServers servers = new ProxiedServers(BUCKET);

  @TempDir Path temp;

  @Test
  void aFullStoreStopsTheBatchAtTheFirstRefusedWrite() throws IOException {
    Path folder = Files.createDirectories(temp.resolve("folder"));
    for (int i = 0; i < 40; i++) {
      Files.write(folder.resolve("f" + i), new byte[1024]);
    }
    FaultProxy proxy = servers.proxy("s3");
    proxy.inject(ProxyFault.of(Kind.STORAGE_FULL_507).when("PUT", "").times(1_000));
    try (TransferEngine engine = TransferEngine.builder().concurrency(2).build()) {
      assertThatThrownBy(
              () -> engine.uploadAll(folder, servers.store("s3"), "full/", WriteOptions.DEFAULTS))
          .isInstanceOf(StorageFullException.class)
          .hasMessageContaining("the store is full or over its quota (XMinioStorageFull, HTTP 507)")
          .hasMessageContaining("Free space or raise the quota");
    }
    int refused = proxy.fired().get(Kind.STORAGE_FULL_507);
    assertThat(refused).as("writes sent to a full store").isBetween(1, 4);
  }
}
