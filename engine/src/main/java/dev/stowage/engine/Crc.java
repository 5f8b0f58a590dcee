package dev.stowage.engine;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.engine.internal.Crc64;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The whole-object checksums the engine computes: cyclic codes whose values over consecutive runs
 * of bytes combine without reading the bytes again (zlib's crc32_combine over GF(2), for any
 * reflected polynomial up to 64 bits), so parts read in parallel still give the object's checksum.
 */
enum Crc {
  CRC32C(ChecksumAlgorithm.CRC32C, 32, 0x82f63b78L) {
    @Override
    Checksum newChecksum() {
      return new CRC32C();
    }
  },
  CRC64ECMA(ChecksumAlgorithm.CRC64ECMA, 64, Crc64.ECMA_POLYNOMIAL) {
    @Override
    Checksum newChecksum() {
      return Crc64.ecma();
    }
  };

  private final ChecksumAlgorithm algorithm;
  private final int width;
  private final long polynomial;

  /** powers[k] is x^(2^k) modulo the polynomial. */
  private final long[] powers = new long[64];

  Crc(ChecksumAlgorithm algorithm, int width, long polynomial) {
    this.algorithm = algorithm;
    this.width = width;
    this.polynomial = polynomial;
    long p = 1L << (width - 2); // x^1
    for (int k = 0; k < 64; k++) {
      powers[k] = p;
      p = multiply(p, p);
    }
  }

  abstract Checksum newChecksum();

  ChecksumAlgorithm algorithm() {
    return algorithm;
  }

  /** Returns the checksum of A followed by B, from those of A and B and B's length. */
  long combine(long first, long second, long secondLength) {
    return multiply(shift(secondLength), first) ^ second;
  }

  /** Formats a value as {@link dev.stowage.api.ObjectInfo#checksums()} does: lower-case hex. */
  String hex(long value) {
    return width == 32 ? String.format("%08x", value) : String.format("%016x", value);
  }

  /** Returns the engine's code for an algorithm, or null if it computes no such checksum. */
  static Crc of(ChecksumAlgorithm algorithm) {
    for (Crc crc : values()) {
      if (crc.algorithm == algorithm) {
        return crc;
      }
    }
    return null;
  }

  private long multiply(long a, long b) {
    long m = 1L << (width - 1);
    long p = 0;
    while (true) {
      if ((a & m) != 0) {
        p ^= b;
        if ((a & (m - 1)) == 0) {
          return p;
        }
      }
      m >>>= 1;
      b = (b & 1) != 0 ? (b >>> 1) ^ polynomial : b >>> 1;
    }
  }

  /** Returns x^(8n) modulo the polynomial: the effect of n more bytes. */
  private long shift(long bytes) {
    long p = 1L << (width - 1); // x^0
    int k = 3;
    for (long n = bytes; n != 0; n >>>= 1, k++) {
      if ((n & 1) != 0) {
        p = multiply(powers[k & 63], p);
      }
    }
    return p;
  }
}
