package dev.stowage.oss.server;

/**
 * CRC-64/XZ, which OSS calls CRC-64/ECMA: the reflected ECMA-182 polynomial, initial value and
 * final xor all ones. Values are sent as unsigned decimal in {@code x-oss-hash-crc64ecma}.
 */
final class Crc64 {
  private static final long POLY = 0xC96C5795D7870F42L;
  private static final long[] TABLE = new long[256];

  static {
    for (int n = 0; n < 256; n++) {
      long crc = n;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
      }
      TABLE[n] = crc;
    }
  }

  private Crc64() {}

  /** Continues {@code crc} (a finished CRC, 0 for nothing) over the bytes. */
  static long update(long crc, byte[] bytes, int offset, int length) {
    long state = ~crc;
    for (int i = offset; i < offset + length; i++) {
      state = TABLE[(int) ((state ^ bytes[i]) & 0xff)] ^ (state >>> 8);
    }
    return ~state;
  }

  static long of(byte[] bytes) {
    return update(0, bytes, 0, bytes.length);
  }

  static String text(long crc) {
    return Long.toUnsignedString(crc);
  }
}
