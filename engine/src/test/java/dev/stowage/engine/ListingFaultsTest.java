package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.engine.ProxyFault.Kind;
import dev.stowage.engine.internal.Listings;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Listings that a broken server answers (RELIABILITY.md LST-03 and LST-04), through the real S3 and
 * OSS clients: the fault proxy answers the listing requests with pages of its own, so no test
 * server needs to misbehave. A listing must end, with the keys or with a clear error, never loop.
 */
class ListingFaultsTest {
  private static final String BUCKET = "listing-faults";

  @RegisterExtension static final ProxiedServers servers = new ProxiedServers(BUCKET);

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss"})
  void aTruncatedPageWithoutATokenIsAClearErrorAfterOneRequest(String provider) {
    FaultProxy proxy = servers.proxy(provider);
    int before = proxy.fired().get(Kind.CANNED_ANSWER);
    proxy.inject(
        ProxyFault.answer(page(provider, List.of("a"), true, null))
            .when("GET", "list-type=2")
            .times(100));

    assertThatThrownBy(() -> servers.store(provider).list(ListRequest.of("")))
        .isInstanceOf(PermanentStorageException.class)
        .hasMessageContaining("gave no continuation token");
    assertThat(proxy.fired().get(Kind.CANNED_ANSWER) - before).as("listing requests").isEqualTo(1);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss"})
  void aTokenGivenTwiceStopsTheListing(String provider) {
    FaultProxy proxy = servers.proxy(provider);
    int before = proxy.fired().get(Kind.CANNED_ANSWER);
    proxy.inject(
        ProxyFault.answer(page(provider, List.of("a"), true, "again"))
            .when("GET", "list-type=2")
            .times(100));

    try (Stream<ObjectInfo> listing =
        Listings.objects(servers.store(provider), ListRequest.of(""))) {
      assertThatThrownBy(listing::count)
          .isInstanceOf(PermanentStorageException.class)
          .hasMessageContaining("continuation token 'again' it gave before");
    }
    assertThat(proxy.fired().get(Kind.CANNED_ANSWER) - before).as("listing requests").isEqualTo(2);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"s3", "oss"})
  void aFullTruncatedPageIsFollowedByTheNext(String provider) {
    FaultProxy proxy = servers.proxy(provider);
    int before = proxy.fired().get(Kind.CANNED_ANSWER);
    // faults are tried in the order armed: the second page's request carries the token
    proxy.inject(
        ProxyFault.answer(page(provider, List.of("c", "d"), false, null))
            .when("GET", "continuation-token=next"));
    proxy.inject(
        ProxyFault.answer(page(provider, List.of("a", "b"), true, "next"))
            .when("GET", "list-type=2"));

    try (Stream<ObjectInfo> listing =
        Listings.objects(
            servers.store(provider), ListRequest.builder().prefix("").pageSize(2).build())) {
      assertThat(listing.map(ObjectInfo::key)).containsExactly("a", "b", "c", "d");
    }
    assertThat(proxy.fired().get(Kind.CANNED_ANSWER) - before).as("listing requests").isEqualTo(2);
  }

  /** A ListObjectsV2 answer in the provider's dialect. */
  private static String page(String provider, List<String> keys, boolean truncated, String token) {
    StringBuilder xml =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult")
            .append(
                provider.equals("s3") ? " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">" : ">")
            .append("<Name>")
            .append(BUCKET)
            .append("</Name><Prefix></Prefix><MaxKeys>")
            .append(keys.size())
            .append("</MaxKeys><EncodingType>url</EncodingType><KeyCount>")
            .append(keys.size())
            .append("</KeyCount><IsTruncated>")
            .append(truncated)
            .append("</IsTruncated>");
    if (token != null) {
      xml.append("<NextContinuationToken>").append(token).append("</NextContinuationToken>");
    }
    for (String key : keys) {
      xml.append("<Contents><Key>")
          .append(key)
          .append("</Key><LastModified>2026-11-23T00:00:00.000Z</LastModified>")
          .append("<ETag>\"0cc175b9c0f1b6a831c399e269772661\"</ETag><Size>1</Size>")
          .append(
              provider.equals("s3")
                  ? "<StorageClass>STANDARD</StorageClass>"
                  : "<Type>Normal</Type><StorageClass>Standard</StorageClass>")
          .append("</Contents>");
    }
    return xml.append("</ListBucketResult>").toString();
  }
}
