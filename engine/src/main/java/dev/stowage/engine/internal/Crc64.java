package dev.stowage.engine.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * A reflected 64-bit CRC with initial value and final XOR all ones, eight bytes per step with
 * slicing-by-8 tables: {@linkplain #ecma() CRC-64/ECMA-182} as XZ and OSS compute it, or
 * {@linkplain #goIso() CRC-64/GO-ISO} as Go's {@code hash/crc64} with its ISO table and the LTX
 * file format compute it. Not thread-safe; create one per sum.
 */
public final class Crc64 implements Checksum {
  /** The reflected ECMA-182 polynomial. */
  public static final long ECMA_POLYNOMIAL = 0xc96c5795d7870f42L;

  /** The reflected ISO 3309 polynomial. */
  static final long ISO_POLYNOMIAL = 0xd800000000000000L;

  private static final long[][] ECMA_TABLES = tables(ECMA_POLYNOMIAL);
  private static final long[][] ISO_TABLES = tables(ISO_POLYNOMIAL);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private final long[][] tables;
  private long crc = -1L;

  private Crc64(long[][] tables) {
    this.tables = tables;
  }

  /**
   * Returns a new CRC-64/ECMA-182 (XZ, OSS's {@code x-oss-hash-crc64ecma}); the check value of
   * {@code "123456789"} is {@code 0x995dc9bbdf1939fa}.
   *
   * @return the checksum, at its initial value
   */
  public static Crc64 ecma() {
    return new Crc64(ECMA_TABLES);
  }

  /**
   * Returns a new CRC-64/GO-ISO (Go's {@code crc64.ISO}); the check value of {@code "123456789"} is
   * {@code 0xb90956c775a41001}.
   *
   * @return the checksum, at its initial value
   */
  public static Crc64 goIso() {
    return new Crc64(ISO_TABLES);
  }

  private static long[][] tables(long polynomial) {
    long[][] tables = new long[8][256];
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ polynomial : crc >>> 1;
      }
      tables[0][i] = crc;
    }
    for (int i = 0; i < 256; i++) {
      for (int k = 1; k < 8; k++) {
        long previous = tables[k - 1][i];
        tables[k][i] = (previous >>> 8) ^ tables[0][(int) (previous & 0xff)];
      }
    }
    return tables;
  }

  @Override
  public void update(int b) {
    crc = tables[0][(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] bytes, int offset, int length) {
    long[][] tables = this.tables;
    long c = crc;
    int i = offset;
    int end = offset + length;
    for (; i <= end - 8; i += 8) {
      long x = c ^ (long) LONGS.get(bytes, i);
      c =
          tables[7][(int) (x & 0xff)]
              ^ tables[6][(int) ((x >>> 8) & 0xff)]
              ^ tables[5][(int) ((x >>> 16) & 0xff)]
              ^ tables[4][(int) ((x >>> 24) & 0xff)]
              ^ tables[3][(int) ((x >>> 32) & 0xff)]
              ^ tables[2][(int) ((x >>> 40) & 0xff)]
              ^ tables[1][(int) ((x >>> 48) & 0xff)]
              ^ tables[0][(int) (x >>> 56)];
    }
    for (; i < end; i++) {
      c = tables[0][(int) ((c ^ bytes[i]) & 0xff)] ^ (c >>> 8);
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
