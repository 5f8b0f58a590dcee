package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ProxyFault.Kind;
import java.io.IOException;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The request that joins a multipart upload fails after every part was stored (RELIABILITY.md
 * MPU-04 and MPU-05): before the server acted (500), or after it joined the parts and the answer
 * was lost. Either way the upload ends with the object, verified, and no upload is left.
 */
class CompletionFaultsTest {
  private static final int PART = 5 * 1024 * 1024;

  @RegisterExtension static final ProxiedServers servers = new ProxiedServers("completions");

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "s3, INTERNAL_ERROR_500",
    "s3, LOST_RESPONSE",
    "oss, INTERNAL_ERROR_500",
    "oss, LOST_RESPONSE"
  })
  void aCompletionThatFailsEndsWithTheObjectAndNoUpload(String provider, Kind kind)
      throws IOException {
    FaultProxy proxy = servers.proxy(provider);
    ObjectStore store = servers.store(provider);
    String key = "joined-" + kind.name().toLowerCase(java.util.Locale.ROOT);
    byte[] bytes = Stores.bytes(2 * PART + 1_000);
    int before = proxy.fired().get(kind);
    proxy.inject(ProxyFault.of(kind).when("POST", "uploadId="));

    try (TransferEngine engine = TransferEngine.builder().partSize(PART).build()) {
      engine.upload(Content.ofBytes(bytes), store, key, WriteOptions.DEFAULTS);
    }

    assertThat(proxy.fired().get(kind) - before).as(kind + " on the completion").isEqualTo(1);
    assertThat(Stores.read(store, key)).isEqualTo(bytes);
    assertThat(store.listMultipartUploads(key)).as("uploads left").isEmpty();
  }
}
