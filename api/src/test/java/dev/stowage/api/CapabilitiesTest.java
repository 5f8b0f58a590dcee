package dev.stowage.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {
  @Test
  void checksExpectedChecksumsOfTheAlgorithmsItDeclaresForThatAlone() {
    Capabilities checksMd5 =
        Capabilities.builder()
            .checksums(ChecksumAlgorithm.CRC64ECMA)
            .expectedChecksums(ChecksumAlgorithm.MD5)
            .build();
    assertThat(checksMd5.expectedChecksumAlgorithms()).as("without the capability").isEmpty();

    Capabilities verifying =
        checksMd5.toBuilder().features(Capability.VERIFIES_EXPECTED_CHECKSUMS).build();
    assertThat(verifying.expectedChecksumAlgorithms()).containsExactly(ChecksumAlgorithm.MD5);
    assertThat(verifying.checksumAlgorithms()).containsExactly(ChecksumAlgorithm.CRC64ECMA);
    assertThat(verifying).isNotEqualTo(checksMd5);
    assertThat(verifying.toString()).contains("expectedChecksums=[MD5]");

    Capabilities withdrawn =
        verifying.toBuilder().withoutChecksums(Set.of(ChecksumAlgorithm.MD5)).build();
    assertThat(withdrawn.expectedChecksumAlgorithms())
        .as("a withdrawn algorithm is not checked, nor one the store only reports")
        .isEmpty();
  }
}
