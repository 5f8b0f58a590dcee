package dev.stowage.engine.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * A reflected 64-bit CRC with initial value and final XOR all ones, sixteen bytes per step with
 * slicing-by-16 tables in one flat array (about 1.2-1.4x slicing-by-8 on this project's machines):
 * {@linkplain #ecma() CRC-64/ECMA-182} as XZ and OSS compute it, or {@linkplain #goIso()
 * CRC-64/GO-ISO} as Go's {@code hash/crc64} with its ISO table and the LTX file format compute it.
 * Not thread-safe; create one per sum.
 */
public final class Crc64 implements Checksum {
  /** The reflected ECMA-182 polynomial. */
  public static final long ECMA_POLYNOMIAL = 0xc96c5795d7870f42L;

  /** The reflected ISO 3309 polynomial. */
  static final long ISO_POLYNOMIAL = 0xd800000000000000L;

  private static final long[] ECMA_TABLES = tables(ECMA_POLYNOMIAL);
  private static final long[] ISO_TABLES = tables(ISO_POLYNOMIAL);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final int SLICES = 16;

  /** Table k of the slicing is at {@code k * 256}. */
  private final long[] tables;

  private long crc = -1L;

  private Crc64(long[] tables) {
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

  private static long[] tables(long polynomial) {
    long[] tables = new long[SLICES * 256];
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ polynomial : crc >>> 1;
      }
      tables[i] = crc;
    }
    for (int k = 1; k < SLICES; k++) {
      for (int i = 0; i < 256; i++) {
        long previous = tables[(k - 1) * 256 + i];
        tables[k * 256 + i] = (previous >>> 8) ^ tables[(int) (previous & 0xff)];
      }
    }
    return tables;
  }

  @Override
  public void update(int b) {
    crc = tables[(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] bytes, int offset, int length) {
    long[] t = this.tables;
    long c = crc;
    int i = offset;
    int end = offset + length;
    for (; i <= end - 16; i += 16) {
      long x = c ^ (long) LONGS.get(bytes, i);
      long y = (long) LONGS.get(bytes, i + 8);
      c =
          t[15 * 256 + (int) (x & 0xff)]
              ^ t[14 * 256 + (int) ((x >>> 8) & 0xff)]
              ^ t[13 * 256 + (int) ((x >>> 16) & 0xff)]
              ^ t[12 * 256 + (int) ((x >>> 24) & 0xff)]
              ^ t[11 * 256 + (int) ((x >>> 32) & 0xff)]
              ^ t[10 * 256 + (int) ((x >>> 40) & 0xff)]
              ^ t[9 * 256 + (int) ((x >>> 48) & 0xff)]
              ^ t[8 * 256 + (int) (x >>> 56)]
              ^ t[7 * 256 + (int) (y & 0xff)]
              ^ t[6 * 256 + (int) ((y >>> 8) & 0xff)]
              ^ t[5 * 256 + (int) ((y >>> 16) & 0xff)]
              ^ t[4 * 256 + (int) ((y >>> 24) & 0xff)]
              ^ t[3 * 256 + (int) ((y >>> 32) & 0xff)]
              ^ t[2 * 256 + (int) ((y >>> 40) & 0xff)]
              ^ t[256 + (int) ((y >>> 48) & 0xff)]
              ^ t[(int) (y >>> 56)];
    }
    for (; i < end; i++) {
      c = t[(int) ((c ^ bytes[i]) & 0xff)] ^ (c >>> 8);
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
