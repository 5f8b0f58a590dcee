package dev.stowage.provider.oss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Locations and options as Litestream reads them, checked before any I/O. */
class OssSettingsTest {
  private static OssSettings parse(String location, Map<String, String> options) {
    StorageLocation parsed = StorageLocation.parse(location);
    return OssSettings.parse(
        parsed,
        ProviderConfig.of(options)
            .withSecretKeys(new OssStorageProvider(Map.of()).secretKeys())
            .withLocationParameters(parsed));
  }

  @ParameterizedTest
  @CsvSource({
    "oss://backups.oss-cn-hangzhou.aliyuncs.com/db, backups, db/, cn-hangzhou, https://oss-cn-hangzhou.aliyuncs.com",
    "oss://backups.oss-cn-beijing-internal.aliyuncs.com/a/b/, backups, a/b/, cn-beijing, https://oss-cn-beijing-internal.aliyuncs.com",
    "oss://backups/db?region=ap-southeast-1, backups, db/, ap-southeast-1, https://oss-ap-southeast-1.aliyuncs.com",
    "oss://backups, backups, '', cn-hangzhou, https://oss-cn-hangzhou.aliyuncs.com",
    "oss://backups/x?region=oss-eu-central-1, backups, x/, eu-central-1, https://oss-eu-central-1.aliyuncs.com",
  })
  void readsTheFormsLitestreamReads(
      String location, String bucket, String prefix, String region, String endpoint) {
    OssSettings settings = parse(location, Map.of());

    assertThat(settings.remote().bucket()).isEqualTo(bucket);
    assertThat(settings.remote().prefix()).isEqualTo(prefix);
    assertThat(settings.region()).isEqualTo(region);
    assertThat(settings.endpoint()).hasToString(endpoint);
    assertThat(settings.signatureV4()).isTrue();
  }

  @Test
  void upgradesAnEndpointWithoutSchemeToHttpsAndRefusesPlainHttpUnlessAllowed() {
    assertThat(parse("oss://b-1/p", Map.of("oss.endpoint", "oss.example.com:8443")).endpoint())
        .hasToString("https://oss.example.com:8443");
    assertThatThrownBy(() -> parse("oss://b-1/p", Map.of("oss.endpoint", "http://10.0.0.1:9000")))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("plain HTTP")
        .hasMessageContaining("oss.allow-insecure-http=true");
    assertThat(
            parse(
                    "oss://b-1/p",
                    Map.of(
                        "oss.endpoint", "http://10.0.0.1:9000", "oss.allow-insecure-http", "true"))
                .endpoint())
        .hasToString("http://10.0.0.1:9000");
  }

  @Test
  void refusesBadInputWithTheOptionNamed() {
    assertThatThrownBy(() -> parse("oss://Bad_Bucket/p", Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("Bad_Bucket");
    assertThatThrownBy(() -> parse("oss:///p", Map.of()))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("names no bucket");
    assertThatThrownBy(() -> parse("oss://b-1/p", Map.of("oss.signature-version", "v2")))
        .hasMessageContaining("oss.signature-version");
    assertThatThrownBy(() -> parse("oss://b-1/p", Map.of("oss.access-key-id", "LTAIonly")))
        .hasMessageContaining("oss.access-key-secret");
    assertThatThrownBy(() -> parse("oss://b-1/p", Map.of("oss.endpoint", "https://u:p@host")))
        .hasMessageContaining("carries credentials")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("u:p"));
    assertThatThrownBy(() -> parse("oss://b-1/p", Map.of("oss.regoin", "cn-hangzhou")))
        .hasMessageContaining("oss.regoin");
  }

  @Test
  void masksTheKeyIdAndNeverShowsTheSecret() {
    OssSettings settings =
        parse(
            "oss://b-1/p",
            Map.of(
                "oss.access-key-id", "LTAI5tABCDEFGHIJKLMN",
                "oss.access-key-secret", "SECRET-VALUE-1234",
                "oss.session-token", "TOKEN-VALUE-5678"));
    assertThat(settings.toString())
        .contains("LTAI****KLMN")
        .doesNotContain("SECRET-VALUE-1234", "TOKEN-VALUE-5678", "LTAI5tABCDEFGHIJKLMN");
  }
}
