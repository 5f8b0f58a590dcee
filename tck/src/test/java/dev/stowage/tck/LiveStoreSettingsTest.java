package dev.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveStoreSettingsTest {
  @TempDir Path temp;

  @Test
  void isEmptyWhenNoStoreIsNamed() {
    assertThat(LiveStoreSettings.resolve(name -> null, Map.of(), temp.resolve(".env"))).isEmpty();
  }

  @Test
  void readsTheStoreAndOptionsFromVariablesBeforeTheDotEnvFile() throws IOException {
    Path dotEnv = temp.resolve(".env");
    Files.writeString(
        dotEnv,
        String.join(
            "\n",
            "# a live store for the kit",
            "STOWAGE_TCK_URI=s3://from-file/tck",
            "export STOWAGE_TCK_S3_REGION=\"eu-west-1\"",
            "STOWAGE_TCK_S3_PATH_STYLE='true'",
            "UNRELATED=1",
            ""));

    LiveStoreSettings fromFile =
        LiveStoreSettings.resolve(name -> null, Map.of("PATH", "/bin"), dotEnv).orElseThrow();
    assertThat(fromFile.uri()).isEqualTo("s3://from-file/tck");
    assertThat(fromFile.options())
        .isEqualTo(Map.of("S3_REGION", "eu-west-1", "S3_PATH_STYLE", "true"));

    LiveStoreSettings fromVariables =
        LiveStoreSettings.resolve(
                name -> null,
                Map.of(
                    "STOWAGE_TCK_URI", "s3://from-env/tck", "STOWAGE_TCK_S3_REGION", "us-east-2"),
                dotEnv)
            .orElseThrow();
    assertThat(fromVariables.uri()).isEqualTo("s3://from-env/tck");
    assertThat(fromVariables.options()).containsEntry("S3_REGION", "us-east-2");

    Optional<LiveStoreSettings> fromProperty =
        LiveStoreSettings.resolve(
            name -> name.equals("stowage.tck.uri") ? "file:///srv/tck" : null, Map.of(), dotEnv);
    assertThat(fromProperty.orElseThrow().uri()).isEqualTo("file:///srv/tck");
  }

  @Test
  void keepsOptionValuesOutOfItsText() {
    LiveStoreSettings settings =
        LiveStoreSettings.resolve(
                name -> null,
                Map.of(
                    "STOWAGE_TCK_URI", "s3://b/p",
                    "STOWAGE_TCK_S3_SECRET_ACCESS_KEY", "CANARY-SECRET-1"),
                temp.resolve(".env"))
            .orElseThrow();
    assertThat(settings.toString()).contains("S3_SECRET_ACCESS_KEY").doesNotContain("CANARY");
  }

  @Test
  void namesTheBadLineOfADotEnvFile() throws IOException {
    Path dotEnv = temp.resolve(".env");
    Files.writeString(dotEnv, "STOWAGE_TCK_URI=file:///x\nno equals sign here\n");
    assertThatThrownBy(() -> LiveStoreSettings.resolve(name -> null, Map.of(), dotEnv))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2");
  }

  @Test
  void parsesOverridesAndRefusesUnknownNamesNamingTheSource() {
    CapabilityOverrides overrides =
        CapabilityOverrides.parse(
            "conditional-create, USER_METADATA # not on this endpoint\nCRC64ECMA\n"
                + "LISTS_IN_UTF16_ORDER",
            "overrides.txt");
    assertThat(overrides.withdrawnFeatures())
        .containsExactlyInAnyOrder(Capability.CONDITIONAL_CREATE, Capability.USER_METADATA);
    assertThat(overrides.withdrawnChecksums()).containsExactly(ChecksumAlgorithm.CRC64ECMA);
    assertThat(overrides.serverDeviations()).containsExactly(ServerDeviation.LISTS_IN_UTF16_ORDER);
    assertThat(overrides.describe())
        .hasSize(4)
        .allMatch(line -> line.endsWith("(from overrides.txt)"));

    Capabilities declared =
        Capabilities.builder()
            .features(Capability.MULTIPART, Capability.CONDITIONAL_CREATE)
            .checksums(ChecksumAlgorithm.CRC64ECMA, ChecksumAlgorithm.CRC32C)
            .build();
    Capabilities held = overrides.applyTo(declared);
    assertThat(held.features()).containsExactly(Capability.MULTIPART);
    assertThat(held.checksumAlgorithms()).containsExactly(ChecksumAlgorithm.CRC32C);
    assertThat(held.maxDeleteBatch()).isEqualTo(declared.maxDeleteBatch());

    assertThatThrownBy(() -> CapabilityOverrides.parse("MULTIPART TELEPORT", "STOWAGE_TCK_X"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("STOWAGE_TCK_X")
        .hasMessageContaining("'TELEPORT'")
        .hasMessageContaining("CONDITIONAL_CREATE");
  }
}
