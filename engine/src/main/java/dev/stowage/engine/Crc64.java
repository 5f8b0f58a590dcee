package dev.stowage.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/ECMA-182 as XZ and OSS compute it (reflected, initial value and final XOR all ones), eight
 * bytes per step with slicing-by-8 tables.
 */
final class Crc64 implements Checksum {
  static final long POLYNOMIAL = 0xc96c5795d7870f42L;

  private static final long[][] TABLES = new long[8][256];
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLYNOMIAL : crc >>> 1;
      }
      TABLES[0][i] = crc;
    }
    for (int i = 0; i < 256; i++) {
      for (int k = 1; k < 8; k++) {
        long previous = TABLES[k - 1][i];
        TABLES[k][i] = (previous >>> 8) ^ TABLES[0][(int) (previous & 0xff)];
      }
    }
  }

  private long crc = -1L;

  @Override
  public void update(int b) {
    crc = TABLES[0][(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] bytes, int offset, int length) {
    long c = crc;
    int i = offset;
    int end = offset + length;
    for (; i <= end - 8; i += 8) {
      long x = c ^ (long) LONGS.get(bytes, i);
      c =
          TABLES[7][(int) (x & 0xff)]
              ^ TABLES[6][(int) ((x >>> 8) & 0xff)]
              ^ TABLES[5][(int) ((x >>> 16) & 0xff)]
              ^ TABLES[4][(int) ((x >>> 24) & 0xff)]
              ^ TABLES[3][(int) ((x >>> 32) & 0xff)]
              ^ TABLES[2][(int) ((x >>> 40) & 0xff)]
              ^ TABLES[1][(int) ((x >>> 48) & 0xff)]
              ^ TABLES[0][(int) (x >>> 56)];
    }
    for (; i < end; i++) {
      c = TABLES[0][(int) ((c ^ bytes[i]) & 0xff)] ^ (c >>> 8);
    }
    crc = c;
  }

  @Override
  public long getValue() {
    return ~crc;
  }

  @Override
  public void reset() {
    crc = -1L;
  }
}
