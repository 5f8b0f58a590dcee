package dev.stowage.provider.support.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Capabilities;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.ConfigOption;
import dev.stowage.api.DeleteResult;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.Page;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Key scope, batch-delete reconciliation, listing tokens and settings checks. */
class StoreHelpersTest {
  private static final StorageLocation LOCATION = StorageLocation.parse("s3://bucket/base");
  private static final ErrorContext CONTEXT = ErrorContext.of(StorageOperation.LIST, LOCATION);

  @Test
  void aScopeMapsKeysUnderItsPrefixAndRefusesCallsOnceClosed() {
    StoreScope scope =
        new StoreScope(LOCATION, "base/", Capabilities.builder().maxKeyBytes(1_024).build());

    assertThat(scope.fullKey("a/b", scope.context(StorageOperation.WRITE, "a/b")))
        .isEqualTo("base/a/b");
    assertThat(scope.relative("base/a/b")).isEqualTo("a/b");
    assertThatThrownBy(() -> scope.fullKey("", CONTEXT)).isInstanceOf(InvalidKeyException.class);
    assertThat(scope.close()).isTrue();
    assertThat(scope.close()).as("the second close").isFalse();
    assertThatThrownBy(() -> scope.context(StorageOperation.STAT, "k"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void aKeyTheServerDidNotMentionIsAFailure() {
    StoreScope scope =
        new StoreScope(LOCATION, "base/", Capabilities.builder().maxKeyBytes(1_024).build());
    DeleteBatch batch = DeleteBatch.of(scope, List.of("gone", "refused", "unmentioned"), 1_000);

    assertThat(batch.fullKeys()).containsExactly("base/gone", "base/refused", "base/unmentioned");
    batch.deleted("base/gone");
    batch.deleted("base/never-asked");
    batch.failed("base/refused", context -> new PreconditionFailedException(context, "no"));
    DeleteResult result = batch.result();

    assertThat(result.deleted()).containsExactly("gone");
    assertThat(result.failed()).containsOnlyKeys("refused", "unmentioned");
    assertThat(result.failed().get("unmentioned"))
        .isInstanceOf(PermanentStorageException.class)
        .hasMessageContaining("may still exist");
    assertThatThrownBy(() -> DeleteBatch.of(scope, List.of("a", "b"), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void uploadListingTokensRoundTripAndMustAdvance() {
    UploadListingToken markers = new UploadListingToken("base/key with/odd.chars", "id-1");

    assertThat(UploadListingToken.decode(markers.encode())).isEqualTo(markers);
    assertThatThrownBy(() -> UploadListingToken.decode("not a token"))
        .isInstanceOf(IllegalArgumentException.class);
    Page<String> page =
        UploadListingToken.page(List.of("x"), true, "base/next", "id-2", markers, CONTEXT);
    assertThat(page.nextToken().map(UploadListingToken::decode))
        .contains(new UploadListingToken("base/next", "id-2"));
    assertThat(UploadListingToken.page(List.of("x"), false, null, null, markers, CONTEXT))
        .isEqualTo(Page.last(List.of("x")));
    assertThatThrownBy(
            () ->
                UploadListingToken.page(
                    List.of(), true, "base/key with/odd.chars", "id-1", markers, CONTEXT))
        .isInstanceOf(PermanentStorageException.class)
        .hasMessageContaining("does not advance");
  }

  @Test
  void partListingTokensMustAdvance() {
    List<CompletedPart> parts = List.of(new CompletedPart(7, "tag", 1));

    assertThat(PartListingToken.decode("")).isZero();
    assertThat(PartListingToken.page(parts, true, 7, 0, CONTEXT).nextToken()).contains("7");
    assertThat(PartListingToken.decode("7")).isEqualTo(7);
    assertThatThrownBy(() -> PartListingToken.page(parts, true, 7, 7, CONTEXT))
        .isInstanceOf(PermanentStorageException.class);
    assertThatThrownBy(() -> PartListingToken.decode("-1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void settingsChecksSayWhatToChange() {
    assertThat(ProviderSettings.mask("AKIAIOSFODNN7EXAMPLE")).isEqualTo("AKIA****MPLE");
    assertThat(ProviderSettings.mask("short")).isEqualTo("****");
    assertThat(ProviderSettings.keyPrefix(LOCATION)).isEqualTo("base/");
    assertThatThrownBy(
            () ->
                ProviderSettings.requireSecure(
                    URI.create("http://127.0.0.1:9000"), false, "s3.allow-insecure-http", CONTEXT))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("s3.allow-insecure-http=true");
    assertThatThrownBy(
            () ->
                ProviderSettings.requireBucketName(
                    StorageLocation.parse("s3://Bad_Bucket/"), "[a-z]+", "lower-case", CONTEXT))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'Bad_Bucket' is not a valid bucket name: lower-case");
  }

  @Test
  void staticKeysComeWholeOrNotAtAllAndShowOnlyAMaskedId() {
    assertThat(staticKeys(Map.of())).isEmpty();
    StaticKeys keys =
        staticKeys(
                Map.of(
                    "x.access-key-id", "AKIAIOSFODNN7EXAMPLE",
                    "x.secret", "CANARY-SECRET",
                    "x.session-token", "CANARY-TOKEN"))
            .orElseThrow();
    assertThat(keys.sessionToken()).contains("CANARY-TOKEN");
    assertThat(keys.toString())
        .isEqualTo("static AKIA****MPLE with session token")
        .doesNotContain("CANARY");
    assertThatThrownBy(() -> staticKeys(Map.of("x.access-key-id", "id")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("set both x.access-key-id and x.secret, or neither to use the chain");
    assertThatThrownBy(() -> staticKeys(Map.of("x.session-token", "CANARY-TOKEN")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("x.session-token needs x.access-key-id and x.secret")
        .hasMessageNotContaining("CANARY");
  }

  private static Optional<StaticKeys> staticKeys(Map<String, String> options) {
    return StaticKeys.parse("x", "x.secret", "the chain", ProviderConfig.of(options), CONTEXT);
  }

  @Test
  void connectionOptionsAreNamedUnderTheSchemeWithOneDefaultAndCheck() {
    List<String> names =
        ConnectionSettings.options("x", ConfigOption.of("x.own", "its own", "1")).stream()
            .map(ConfigOption::key)
            .toList();
    assertThat(names)
        .containsExactly(
            "x.own", "x.max-connections", "x.connection-timeout", "x.allow-insecure-http");
    ConnectionSettings defaults = ConnectionSettings.parse("x", ProviderConfig.of(Map.of()));
    assertThat(defaults.maxConnections()).isEqualTo(64);
    assertThat(defaults.connectionTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(() -> defaults.requireSecure(URI.create("http://10.0.0.1:9000"), CONTEXT))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("x.allow-insecure-http=true");
    ConnectionSettings.parse("x", ProviderConfig.of(Map.of("x.allow-insecure-http", "true")))
        .requireSecure(URI.create("http://10.0.0.1:9000"), CONTEXT);
    assertThatThrownBy(
            () ->
                ConnectionSettings.parse("x", ProviderConfig.of(Map.of("x.max-connections", "0"))))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("x.max-connections")
        .hasMessageContaining("at least 1");
  }

  @Test
  void remoteOptionsFollowTheProvidersOwnAndAreReadWithTheBucketAndPrefix() {
    RemoteSettings.Options remote =
        new RemoteSettings.Options("x", "x.secret", "the chain", "[a-z]+", "lower-case letters");
    List<ConfigOption> all = remote.with(ConfigOption.of("x.own", "its own", "1"));
    assertThat(all.stream().map(ConfigOption::key).toList())
        .containsExactly(
            "x.own",
            "x.path-style",
            "x.access-key-id",
            "x.secret",
            "x.session-token",
            "x.max-connections",
            "x.connection-timeout",
            "x.allow-insecure-http");
    assertThat(all.stream().filter(ConfigOption::isSecret).map(ConfigOption::key))
        .containsExactlyInAnyOrder("x.access-key-id", "x.secret", "x.session-token");

    RemoteSettings read =
        remote.parse(
            StorageLocation.parse("x://bucket/base"),
            ProviderConfig.of(
                Map.of(
                    "x.path-style", "true",
                    "x.access-key-id", "AKIAIOSFODNN7EXAMPLE",
                    "x.secret", "CANARY-SECRET")),
            all);
    assertThat(read.bucket()).isEqualTo("bucket");
    assertThat(read.prefix()).isEqualTo("base/");
    assertThat(read.pathStyle()).isTrue();
    assertThat(read.keys())
        .hasValueSatisfying(k -> assertThat(k.secret()).isEqualTo("CANARY-SECRET"));
    assertThat(read.toString()).doesNotContain("CANARY");

    assertThatThrownBy(
            () ->
                remote.parse(
                    StorageLocation.parse("x://bucket/"),
                    ProviderConfig.of(Map.of("x.path-styel", "true")),
                    all))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown option x.path-styel");
    assertThatThrownBy(
            () ->
                remote.parse(
                    StorageLocation.parse("x://Bucket1/"), ProviderConfig.of(Map.of()), all))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("'Bucket1' is not a valid bucket name: lower-case letters");
  }

  @Test
  void aListingPageGoesOnOnlyWithAToken() {
    assertThat(ListingPages.of(List.of(), List.of("p/"), false, null, CONTEXT).nextToken())
        .isEmpty();
    assertThat(ListingPages.of(List.of(), List.of(), true, "t1", CONTEXT).nextToken())
        .contains("t1");
    assertThatThrownBy(() -> ListingPages.of(List.of(), List.of(), true, "", CONTEXT))
        .isInstanceOf(PermanentStorageException.class)
        .hasMessageContaining("no continuation token");
    assertThat(ListingPages.entry("k", 3, null, null).etag()).isEmpty();
  }

  @Test
  void aDescribedProviderShowsWhatItWasGivenAndMasksItsSecretOptions() {
    ConfigOption token = ConfigOption.secret("x.token", "a token");
    ConfigOption depth = ConfigOption.of("x.depth", "how deep", "2");
    DescribedProvider provider =
        new DescribedProvider("x", "an example", List.of(depth, token)) {
          @Override
          public dev.stowage.api.ObjectStore open(StorageLocation location, ProviderConfig config) {
            throw new UnsupportedOperationException("not opened in this test");
          }
        };

    assertThat(provider.scheme()).isEqualTo("x");
    assertThat(provider.description()).isEqualTo("an example");
    assertThat(provider.options()).containsExactly(depth, token);
    assertThat(provider.secretKeys()).containsExactly("x.token");
    assertThatThrownBy(() -> provider.options().add(token))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> provider.requireOwnScheme(StorageLocation.parse("y://b/p")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not a location of scheme x: y://b/p");
  }
}
