package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.aliyun.oss.common.utils.CRC64;
import dev.stowage.engine.internal.Crc64;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine's checksums against their catalogue check values and an independent implementation.
 */
class CrcTest {
  @Test
  void matchesTheCatalogueCheckValues() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    Crc64 crc64 = Crc64.ecma();
    crc64.update(check, 0, check.length);
    assertThat(crc64.getValue()).isEqualTo(0x995dc9bbdf1939faL); // CRC-64/XZ
    Crc64 iso = Crc64.goIso();
    iso.update(check, 0, 4);
    iso.update(check[4]);
    iso.update(check, 5, 4);
    assertThat(iso.getValue()).isEqualTo(0xb90956c775a41001L); // CRC-64/GO-ISO
    Sums.Running running = new Sums.Running(List.of(Crc.CRC32C, Crc.CRC64ECMA));
    running.update(check, 0, check.length);
    assertThat(running.finish().toMap().values())
        .containsExactlyInAnyOrder("e3069283", "995dc9bbdf1939fa");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 7, 8, 9, 15, 16, 17, 31, 63, 4096, 100_003})
  void agreesWithTheOssSdksCrc64(int size) {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    Crc64 ours = Crc64.ecma();
    ours.update(bytes, 0, size);
    CRC64 theirs = new CRC64();
    theirs.update(bytes, size);
    assertThat(ours.getValue()).isEqualTo(theirs.getValue());
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 13, 4096, 65_537})
  void combinesPartsIntoTheWholeChecksum(int split) {
    byte[] bytes = new byte[70_001];
    new Random(split).nextBytes(bytes);
    List<Crc> codes = List.of(Crc.CRC32C, Crc.CRC64ECMA);
    Sums first = sums(codes, bytes, 0, split);
    Sums second = sums(codes, bytes, split, bytes.length - split);
    Sums whole = sums(codes, bytes, 0, bytes.length);

    assertThat(first.then(second).toMap()).isEqualTo(whole.toMap());
    assertThat(Sums.empty(codes).then(whole).toMap()).isEqualTo(whole.toMap());
    CRC32C jdk = new CRC32C();
    jdk.update(bytes);
    assertThat(whole.toMap().get(dev.stowage.api.ChecksumAlgorithm.CRC32C))
        .isEqualTo(String.format("%08x", jdk.getValue()));
  }

  private static Sums sums(List<Crc> codes, byte[] bytes, int offset, int length) {
    Sums.Running running = new Sums.Running(codes);
    running.update(bytes, offset, length);
    return running.finish();
  }
}
