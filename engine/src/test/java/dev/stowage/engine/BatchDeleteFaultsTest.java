package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Content;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.ProxyFault.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A batch delete whose connection breaks after it was sent (RELIABILITY.md DEL-04): the batch is
 * sent again, deleting what is already gone counts as deleted, and every key ends gone.
 */
class BatchDeleteFaultsTest {
  @RegisterExtension static final ProxiedServers servers = new ProxiedServers("batch-deletes");

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "s3, LOST_RESPONSE",
    "s3, RESET_DURING_REQUEST_BODY",
    "oss, LOST_RESPONSE",
    "oss, RESET_DURING_REQUEST_BODY"
  })
  void aBatchDeleteThatBreaksIsSentAgainAndEveryKeyEndsGone(String provider, Kind kind) {
    FaultProxy proxy = servers.proxy(provider);
    ObjectStore store = servers.store(provider);
    String prefix = "gone-" + kind.name().toLowerCase(java.util.Locale.ROOT) + "/";
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      keys.add(prefix + i);
      store.put(prefix + i, Content.ofBytes(new byte[] {(byte) i}), WriteOptions.DEFAULTS);
    }
    int before = proxy.fired().get(kind);
    proxy.inject(ProxyFault.of(kind).atByte(100).when("POST", "delete"));

    DeleteReport report;
    try (TransferEngine engine = TransferEngine.builder().build()) {
      report = engine.deleteAll(store, keys.stream());
    }

    assertThat(proxy.fired().get(kind) - before).as(kind + " on the batch").isEqualTo(1);
    assertThat(report.isComplete()).as("every key reported deleted: " + report).isTrue();
    assertThat(report.deleted()).as("keys deleted").isEqualTo(keys.size());
    assertThat(store.list(ListRequest.of(prefix)).objects()).as("keys left").isEmpty();
  }
}
