package dev.stowage.replica;

import dev.stowage.engine.internal.Crc64;

/** LTX's checksums: CRC-64/GO-ISO values stored with bit 63 set. */
final class LtxChecksums {
  /** The bit every stored LTX checksum has set. */
  static final long FLAG = 1L << 63;

  private LtxChecksums() {}

  /** The checksum of one page: CRC-64/GO-ISO of its big-endian number followed by its bytes. */
  static long page(long pgno, byte[] data, int length) {
    Crc64 crc = Crc64.goIso();
    crc.update((int) (pgno >>> 24));
    crc.update((int) (pgno >>> 16));
    crc.update((int) (pgno >>> 8));
    crc.update((int) pgno);
    crc.update(data, 0, length);
    return FLAG | crc.getValue();
  }
}
