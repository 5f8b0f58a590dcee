package dev.stowage.provider.filesystem;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.WriteOptions;
import java.util.Map;

/**
 * Combines CRC-32C values of consecutive byte runs without reading the bytes again, so joined
 * multipart objects get their whole-object checksum from their parts' checksums (zlib's
 * crc32_combine, over GF(2) polynomials, with the Castagnoli polynomial), and checks a write's
 * expected value.
 */
final class Crc32c {
  private static final int POLY = 0x82f63b78;

  /** X2N[k] is x^(2^k) modulo the polynomial. */
  private static final int[] X2N = new int[32];

  static {
    int p = 1 << 30;
    X2N[0] = p;
    for (int n = 1; n < 32; n++) {
      p = multiply(p, p);
      X2N[n] = p;
    }
  }

  private Crc32c() {}

  /**
   * Returns the CRC-32C of A followed by B.
   *
   * @param crcA CRC-32C of A
   * @param crcB CRC-32C of B
   * @param lengthB length of B in bytes
   */
  static int combine(int crcA, int crcB, long lengthB) {
    return multiply(xToThe8n(lengthB), crcA) ^ crcB;
  }

  static String hex(int crc) {
    return String.format("%08x", crc);
  }

  private static int multiply(int a, int b) {
    int m = 1 << 31;
    int p = 0;
    while (true) {
      if ((a & m) != 0) {
        p ^= b;
        if ((a & (m - 1)) == 0) {
          break;
        }
      }
      m >>>= 1;
      b = (b & 1) != 0 ? (b >>> 1) ^ POLY : b >>> 1;
    }
    return p;
  }

  /** Returns x^(8n) modulo the polynomial: the shift of n bytes. */
  private static int xToThe8n(long n) {
    int p = 1 << 31;
    int k = 3;
    while (n != 0) {
      if ((n & 1) != 0) {
        p = multiply(X2N[k & 31], p);
      }
      n >>>= 1;
      k++;
    }
    return p;
  }

  /** Refuses bytes whose CRC-32C is not the one the write expects, before they are published. */
  static void requireExpected(WriteOptions options, int crc, ErrorContext context) {
    requireExpected(options.expectedChecksums(), crc, context);
  }

  /** Refuses bytes whose CRC-32C is not the expected one, before they are kept. */
  static void requireExpected(
      Map<ChecksumAlgorithm, String> expectedChecksums, int crc, ErrorContext context) {
    String expected = expectedChecksums.get(ChecksumAlgorithm.CRC32C);
    if (expected != null && !expected.equals(Crc32c.hex(crc))) {
      throw new IntegrityException(
          context,
          "the bytes received have CRC-32C "
              + Crc32c.hex(crc)
              + " where the write expects "
              + expected
              + "; nothing was published and the old object, if any, is unchanged. Send them again.");
    }
  }
}
