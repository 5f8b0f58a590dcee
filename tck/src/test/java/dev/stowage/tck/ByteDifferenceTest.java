package dev.stowage.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ByteDifferenceTest {
  @Test
  void namesTheLengthsTheFirstDifferenceAndAWindowAroundIt() {
    byte[] expected = new byte[1 << 20];
    byte[] read = expected.clone();
    read[100_000] = 0x5a;

    assertThatThrownBy(() -> ByteDifference.assertSameBytes(read, expected, "the object"))
        .hasMessage(
            "the object: 1048576 bytes where 1048576 were expected; the first difference is at"
                + " byte 100000: expected 0000000000000000[000000000000000000], read"
                + " 0000000000000000[5a0000000000000000] (from byte 99992)");
  }

  @Test
  void saysWhereTheShorterEnds() {
    assertThat(ByteDifference.describe(new byte[] {1, 2}, new byte[] {1, 2, 3}, "x"))
        .isEqualTo(
            "x: 2 bytes where 3 were expected; the first difference is at byte 2: expected"
                + " 0102[03], read 0102[end] (from byte 0)");
    ByteDifference.assertSameBytes(new byte[] {4}, new byte[] {4}, "equal bytes pass");
  }
}
