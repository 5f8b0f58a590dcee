package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.Capabilities;
import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ObjectInfo;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationTest {
  private static final byte[] BYTES = "the bytes that were read".getBytes(StandardCharsets.UTF_8);
  private static final List<Crc> BOTH = List.of(Crc.CRC32C, Crc.CRC64ECMA);

  @Test
  void computesCrc32cAlwaysAndEachChecksumTheTargetDeclaresOrTheSourceRecords() {
    EngineResources engine = TestResources.of(1024, 1, RetryPolicy.DEFAULT, TransferListener.NONE);
    Capabilities plain = Capabilities.builder().build();
    Capabilities crc64 = Capabilities.builder().checksums(ChecksumAlgorithm.CRC64ECMA).build();
    try {
      assertThat(Verification.codes(engine, plain, List.of())).containsExactly(Crc.CRC32C);
      assertThat(Verification.codes(engine, crc64, List.of()))
          .containsExactlyInAnyOrder(Crc.CRC32C, Crc.CRC64ECMA);
      assertThat(Verification.codes(engine, plain, List.of(ChecksumAlgorithm.CRC64ECMA)))
          .containsExactlyInAnyOrder(Crc.CRC32C, Crc.CRC64ECMA);
      assertThat(Verification.codes(engine, plain, List.of(ChecksumAlgorithm.MD5)))
          .as("an MD5 is not computed as parts arrive")
          .containsExactly(Crc.CRC32C);
    } finally {
      engine.close();
    }
  }

  @Test
  void findsASourceOrStoreThatDisagreesWithTheBytesAndNothingWhereTheyAgree() throws IOException {
    Sums read = sums(BYTES);
    Map<ChecksumAlgorithm, String> right = read.toMap();
    Map<ChecksumAlgorithm, String> wrongCrc32c =
        Map.of(ChecksumAlgorithm.CRC32C, "00000000", ChecksumAlgorithm.MD5, "ignored");

    assertThat(Verification.sourceProblem(read, right)).isEmpty();
    assertThat(Verification.sourceProblem(read, Map.of())).as("nothing in common").isEmpty();
    assertThat(Verification.sourceProblem(read, wrongCrc32c))
        .hasValueSatisfying(p -> assertThat(p).contains("CRC-32C").contains("source records"));

    assertThat(Verification.storeProblem(read, BYTES.length, right)).isEmpty();
    assertThat(Verification.storeProblem(read, ObjectInfo.UNKNOWN_SIZE, Map.of()))
        .as("a store that said neither size nor checksum")
        .isEmpty();
    assertThat(Verification.storeProblem(read, BYTES.length + 1, right))
        .hasValueSatisfying(p -> assertThat(p).contains((BYTES.length + 1) + " bytes"));
    assertThat(
            Verification.storeProblem(
                read, BYTES.length, Map.of(ChecksumAlgorithm.CRC64ECMA, "0000000000000000")))
        .hasValueSatisfying(p -> assertThat(p).contains("CRC-64/ECMA"));

    ObjectInfo stored = ObjectInfo.builder("k", BYTES.length).checksums(right).build();
    assertThat(Verification.problem(read, Map.of(), stored)).isEmpty();
    assertThat(Verification.problem(read, wrongCrc32c, stored)).isPresent();
  }

  @Test
  void holdsOnlyWithTheSameSizeAndAtLeastOneEqualChecksum() throws IOException {
    Sums read = sums(BYTES);
    Map<ChecksumAlgorithm, String> right = read.toMap();
    assertThat(
            Verification.holds(
                ObjectInfo.builder("k", BYTES.length).checksums(right).build(), read))
        .isTrue();
    assertThat(Verification.holds(ObjectInfo.builder("k", BYTES.length).build(), read))
        .as("the size alone proves nothing")
        .isFalse();
    assertThat(
            Verification.holds(
                ObjectInfo.builder("k", BYTES.length - 1).checksums(right).build(), read))
        .isFalse();
    assertThat(
            Verification.holds(
                ObjectInfo.builder("k", BYTES.length)
                    .checksum(ChecksumAlgorithm.CRC32C, right.get(ChecksumAlgorithm.CRC32C))
                    .checksum(ChecksumAlgorithm.CRC64ECMA, "0000000000000000")
                    .build(),
                read))
        .as("one checksum differs")
        .isFalse();
  }

  @Test
  void comparesTheMd5OfTheWrittenFileOnlyWhenNoComputedChecksumCouldBe(@TempDir Path temp)
      throws IOException {
    Path written = Files.write(temp.resolve("f"), BYTES);
    Sums read = sums(BYTES);
    String md5 = Md5.of(new ByteArrayInputStream(BYTES));
    ObjectInfo onlyMd5 =
        ObjectInfo.builder("k", BYTES.length).checksum(ChecksumAlgorithm.MD5, md5).build();
    ObjectInfo wrongMd5 =
        ObjectInfo.builder("k", BYTES.length)
            .checksum(ChecksumAlgorithm.MD5, "0".repeat(32))
            .build();
    ObjectInfo wrongMd5ButCrc =
        ObjectInfo.builder("k", BYTES.length)
            .checksum(ChecksumAlgorithm.MD5, "0".repeat(32))
            .checksums(Map.of(ChecksumAlgorithm.CRC32C, read.toMap().get(ChecksumAlgorithm.CRC32C)))
            .build();

    assertThat(Verification.md5Problem(read, onlyMd5, written)).isEmpty();
    assertThat(Verification.md5Problem(read, wrongMd5, written))
        .hasValueSatisfying(p -> assertThat(p).contains("MD5"));
    assertThat(Verification.md5Problem(read, wrongMd5ButCrc, written))
        .as("a CRC in common was compared already")
        .isEmpty();
  }

  private static Sums sums(byte[] bytes) throws IOException {
    return Sums.of(new ByteArrayInputStream(bytes), BOTH);
  }
}
