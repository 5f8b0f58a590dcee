package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Capabilities;
import dev.stowage.api.Capability;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.CompletedPart;
import dev.stowage.api.Content;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which checksums a part is sent with, and when it is sent again with all of them. */
class PartExpectationsTest {
  private static final Content PART = Content.ofBytes(new byte[] {1, 2, 3});

  @Test
  void anMd5IsLeftOutWhereEveryPartIsAnsweredWithAChecksumTheEngineComputes() {
    Capabilities oss = answering(store(ChecksumAlgorithm.CRC64ECMA, ChecksumAlgorithm.MD5));
    PartExpectations parts = PartExpectations.of(oss, List.of(Crc.CRC32C, Crc.CRC64ECMA));

    assertThat(parts.first(PART)).isEmpty();
    assertThat(parts.all(PART)).containsOnlyKeys(ChecksumAlgorithm.MD5);
    assertThat(parts.needsResend(answer(ChecksumAlgorithm.CRC64ECMA))).isFalse();
    assertThat(parts.needsResend(new CompletedPart(1, "e", CompletedPart.UNKNOWN_SIZE)))
        .as("an answer without the CRC-64 cannot be compared: send again with the MD5")
        .isTrue();
  }

  @Test
  void aCrcIsLeftOutWhereEveryPartIsAnsweredWithIt() {
    Capabilities file = answering(store(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC32C));
    PartExpectations parts = PartExpectations.of(file, List.of(Crc.CRC32C));

    assertThat(parts.first(PART)).as("no pass over the part before it is sent").isEmpty();
    assertThat(parts.needsResend(answer(ChecksumAlgorithm.CRC32C))).isFalse();
    assertThat(parts.needsResend(new CompletedPart(1, "e", CompletedPart.UNKNOWN_SIZE)))
        .as("an answer without the CRC the store promised: send again with it")
        .isTrue();
    assertThat(parts.all(PART)).containsOnlyKeys(ChecksumAlgorithm.CRC32C);
  }

  @Test
  void everyChecksumIsSentUpFrontWhereTheStoreAnswersWithNoneTheEngineComputes() {
    Capabilities oss = answering(store(ChecksumAlgorithm.CRC64ECMA, ChecksumAlgorithm.MD5));
    PartExpectations parts = PartExpectations.of(oss, List.of(Crc.CRC32C));

    assertThat(parts.first(PART)).containsOnlyKeys(ChecksumAlgorithm.MD5);
    assertThat(parts.needsResend(new CompletedPart(1, "e", CompletedPart.UNKNOWN_SIZE))).isFalse();
  }

  @Test
  void anMd5IsSentWhereNoAnswerCanBeCompared() {
    Capabilities store = store(null, ChecksumAlgorithm.MD5);
    PartExpectations parts = PartExpectations.of(store, List.of(Crc.CRC32C));

    assertThat(parts.first(PART)).containsOnlyKeys(ChecksumAlgorithm.MD5);
    assertThat(parts.needsResend(new CompletedPart(1, "e", CompletedPart.UNKNOWN_SIZE))).isFalse();
  }

  @Test
  void aCrcTheStoreChecksIsSentUpFrontUnlessItPromisesToAnswerWithIt() {
    Capabilities s3 = store(ChecksumAlgorithm.CRC32C, ChecksumAlgorithm.CRC32C);
    PartExpectations parts = PartExpectations.of(s3, List.of(Crc.CRC32C));

    assertThat(parts.first(PART)).containsOnlyKeys(ChecksumAlgorithm.CRC32C);
    assertThat(parts.needsResend(new CompletedPart(1, "e", CompletedPart.UNKNOWN_SIZE))).isFalse();
  }

  @Test
  void nothingIsSentToAStoreThatChecksNothing() {
    Capabilities store =
        Capabilities.builder()
            .features(Capability.MULTIPART)
            .checksums(ChecksumAlgorithm.CRC64ECMA)
            .build();
    PartExpectations parts = PartExpectations.of(store, List.of(Crc.CRC32C, Crc.CRC64ECMA));

    assertThat(parts.first(PART)).isEmpty();
    assertThat(parts.needsResend(new CompletedPart(1, "e", CompletedPart.UNKNOWN_SIZE))).isFalse();
  }

  private static Capabilities store(ChecksumAlgorithm reported, ChecksumAlgorithm checked) {
    Capabilities.Builder builder =
        Capabilities.builder()
            .features(
                Capability.MULTIPART,
                Capability.VERIFIES_EXPECTED_CHECKSUMS,
                Capability.VERIFIES_EXPECTED_PART_CHECKSUMS)
            .expectedChecksums(checked);
    if (reported != null) {
      builder.checksums(reported);
    }
    return builder.build();
  }

  private static Capabilities answering(Capabilities store) {
    return store.toBuilder().features(Capability.REPORTS_PART_CHECKSUMS).build();
  }

  private static CompletedPart answer(ChecksumAlgorithm algorithm) {
    return new CompletedPart(1, "e", CompletedPart.UNKNOWN_SIZE, Map.of(algorithm, "00"));
  }
}
