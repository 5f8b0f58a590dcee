package dev.stowage.provider.filesystem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class Crc32cTest {
  @Test
  void combinesToTheChecksumOfTheConcatenation() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      byte[] a = new byte[random.nextInt(5_000)];
      byte[] b = new byte[random.nextInt(5_000)];
      random.nextBytes(a);
      random.nextBytes(b);
      CRC32C whole = new CRC32C();
      whole.update(a);
      whole.update(b);

      int combined = Crc32c.combine(crc(a), crc(b), b.length);

      assertThat(Integer.toUnsignedLong(combined)).isEqualTo(whole.getValue());
    }
  }

  private static int crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }
}
