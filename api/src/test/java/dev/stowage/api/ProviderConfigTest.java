package dev.stowage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderConfigTest {
  @Test
  void parsesTypedValues() {
    ProviderConfig config =
        ProviderConfig.of(
            Map.of(
                "x.size", "8MiB", "x.small", "512k", "x.plain", "1048576", "x.time", "30s", "x.iso",
                "PT1M30S", "x.flag", "TRUE", "x.count", "16"));
    assertThat(config.byteSize("x.size", 0)).isEqualTo(8L * 1024 * 1024);
    assertThat(config.byteSize("x.small", 0)).isEqualTo(512L * 1024);
    assertThat(config.byteSize("x.plain", 0)).isEqualTo(1_048_576L);
    assertThat(config.byteSize("x.absent", 42)).isEqualTo(42);
    assertThat(config.duration("x.time", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.duration("x.iso", Duration.ZERO)).isEqualTo(Duration.ofSeconds(90));
    assertThat(config.bool("x.flag", false)).isTrue();
    assertThat(config.integer("x.count", 0)).isEqualTo(16);
  }

  @Test
  void takesAWordOfAFixedSetInAnyCaseAndAnIntegerNotBelowItsLeast() {
    ProviderConfig config =
        ProviderConfig.of(
            Map.of(
                "x.mode", " SideCar ", "x.other", "maybe", "x.count", "0", "x.secret-key", "-1"));
    Map<String, Integer> modes = Map.of("auto", 0, "xattr", 1, "sidecar", 2);
    assertThat(config.choice("x.mode", "auto", modes)).isEqualTo(2);
    assertThat(config.choice("x.absent", "xattr", modes)).isEqualTo(1);
    assertThatThrownBy(() -> config.choice("x.other", "auto", modes))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("x.other")
        .hasMessageContaining("'maybe'")
        .hasMessageContaining("auto, sidecar or xattr");
    assertThat(config.integer("x.count", 5, 0)).isZero();
    assertThat(config.integer("x.absent", 5, 1)).isEqualTo(5);
    assertThatThrownBy(() -> config.integer("x.count", 5, 1))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("x.count")
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> config.integer("x.secret-key", 5, 0))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageNotContaining("-1");
  }

  @Test
  void readsADeclaredOptionOrTheDefaultItDeclares() {
    ConfigOption flag = ConfigOption.of("x.flag", "a flag", "true");
    ConfigOption count = ConfigOption.of("x.count", "a count", "3");
    ConfigOption time = ConfigOption.of("x.time", "a time", "5m");
    ConfigOption mode = ConfigOption.of("x.mode", "a mode", "auto");
    ConfigOption name = ConfigOption.of("x.name", "a name");
    ProviderConfig unset = ProviderConfig.empty();
    assertThat(unset.bool(flag)).isTrue();
    assertThat(unset.integer(count, 1)).isEqualTo(3);
    assertThat(unset.duration(time)).isEqualTo(Duration.ofMinutes(5));
    assertThat(unset.choice(mode, Map.of("auto", 0, "xattr", 1))).isZero();
    assertThat(unset.string(name)).isEmpty();
    assertThatThrownBy(() -> unset.bool(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.name declares no default");

    ProviderConfig set =
        ProviderConfig.of(
            Map.of("x.flag", "False", "x.count", "0", "x.time", "2s", "x.mode", "XATTR"));
    assertThat(set.bool(flag)).isFalse();
    assertThat(set.duration(time)).isEqualTo(Duration.ofSeconds(2));
    assertThat(set.choice(mode, Map.of("auto", 0, "xattr", 1))).isEqualTo(1);
    assertThatThrownBy(() -> set.integer(count, 1))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("x.count")
        .hasMessageContaining("'0'")
        .hasMessageContaining("at least 1");
  }

  @Test
  void failsNamingTheKeyAndTheAcceptedForm() {
    ProviderConfig config =
        ProviderConfig.of(Map.of("x.size", "eight", "x.flag", "yes", "x.secret-key", "hunter2"));
    assertThatThrownBy(() -> config.byteSize("x.size", 0))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("x.size")
        .hasMessageContaining("8MiB");
    assertThatThrownBy(() -> config.bool("x.flag", false))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("true or false");
    assertThatThrownBy(() -> config.integer("x.secret-key", 0))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void masksSecretsInText() {
    ProviderConfig config =
        ProviderConfig.of(
                Map.of("s3.region", "eu", "s3.sse-c", "KEYMATERIAL", "s3.access-secret", "S"))
            .withSecretKeys(List.of("s3.sse-c"));
    assertThat(config.toString())
        .isEqualTo("ProviderConfig{s3.access-secret=****, s3.region=eu, s3.sse-c=****}");
  }

  @Test
  void mergesLocationParametersUnderTheScheme() {
    ProviderConfig config =
        ProviderConfig.of(Map.of("s3.region", "from-options", "s3.endpoint", "e"))
            .withLocationParameters(StorageLocation.parse("s3://b/p?region=from-uri"));
    assertThat(config.string("s3.region")).contains("from-uri");
    assertThat(config.string("s3.endpoint")).contains("e");
  }

  @Test
  void refusesASecretInALocationsQueryString() {
    ProviderConfig config = ProviderConfig.of(Map.of()).withSecretKeys(List.of("s3.sse-c"));
    assertThatThrownBy(
            () ->
                config.withLocationParameters(
                    StorageLocation.parse("s3://b/p?region=eu&sse-c=KEYMATERIAL")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("s3://b/p?region=eu&sse-c=****")
        .hasMessageContaining("carries the secret 'sse-c'")
        .hasMessageContaining("give the option s3.sse-c instead")
        .hasMessageNotContaining("KEYMATERIAL");
    // a name that suggests a secret is refused without being declared one
    assertThatThrownBy(
            () ->
                ProviderConfig.of(Map.of())
                    .withLocationParameters(StorageLocation.parse("oss://b/?session-token=T0K")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageNotContaining("T0K");
  }

  @Test
  void rejectsUnknownKeysOfItsSchemeOnly() {
    StorageLocation location = StorageLocation.parse("s3://b/");
    List<ConfigOption> known = List.of(ConfigOption.of("s3.region", "the region"));
    ProviderConfig config = ProviderConfig.of(Map.of("s3.regoin", "x", "oss.region", "y"));
    assertThatThrownBy(() -> config.requireKnownKeys("s3", known, location))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("unknown option s3.regoin")
        .hasMessageContaining("Known options for 's3': s3.region");
  }
}
