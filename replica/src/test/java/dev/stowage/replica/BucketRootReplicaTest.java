package dev.stowage.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Capability;
import dev.stowage.api.Content;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.Providers;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.internal.Listings;
import java.io.ByteArrayInputStream;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The replica contract at the root of a bucket whose store holds keys that start with {@code /}, as
 * S3 does: Litestream's layout there, {@code /0000/...}. The store is the example {@code mem://}
 * provider, a fresh bucket per test (S3Proxy and the OSS server refuse such keys, and OSS itself
 * does too).
 */
class BucketRootReplicaTest extends ReplicaClientContract {
  @Override
  ObjectStore openStore(String path) {
    return Providers.load()
        .provider("mem")
        .open(
            StorageLocation.parse("mem://root-" + UUID.randomUUID().toString().substring(0, 8)),
            ProviderConfig.of(Map.of()));
  }

  @Override
  ReplicaLayout expectedLayout() {
    return ReplicaLayout.OBJECT_STORE_AT_BUCKET_ROOT;
  }

  @Test
  void writesTheKeysLitestreamReadsThereEachStartingWithASlash() {
    assertThat(store.capabilities().supports(Capability.LEADING_SLASH_KEYS))
        .as("the example store holds keys that start with '/'")
        .isTrue();
    write(0, 1, 1, T0);
    write(9, 1, 1, T0);

    assertThat(Listings.objects(store, ListRequest.of("")).map(ObjectInfo::key).toList())
        .as("every key in the bucket")
        .containsExactly(
            "/0000/0000000000000001-0000000000000001.ltx",
            "/0009/0000000000000001-0000000000000001.ltx");
    assertThat(client.levels()).containsExactly(0, 9);
    assertThat(client.deleteAll()).isEqualTo(2);
  }

  @Test
  void readsAnEarlierReplicaLaidOutWithoutTheSlashAsItIs() throws Exception {
    store.put(
        "0000/0000000000000002-0000000000000003.ltx",
        Content.ofBytes(ltx(2, 3, T0)),
        WriteOptions.DEFAULTS);

    ReplicaClient earlier = ReplicaClient.of(store, engine);

    assertThat(earlier.layout()).isEqualTo(ReplicaLayout.OBJECT_STORE);
    assertThat(earlier.files(0, 0, TimestampMode.LISTED))
        .extracting(LtxFile::minTxid)
        .containsExactly(2L);
    earlier.write(0, 4, 4, new ByteArrayInputStream(ltx(4, 4, T0)));
    assertThat(store.stat("0000/0000000000000004-0000000000000004.ltx"))
        .as("a file added to the earlier replica, in its layout")
        .isPresent();
  }
}
