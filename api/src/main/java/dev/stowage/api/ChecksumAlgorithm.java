package dev.stowage.api;

/**
 * A whole-object checksum a store may record and report in {@link ObjectInfo#checksums()}. Values
 * are lower-case hexadecimal of the big-endian checksum bytes, whatever the server's own encoding.
 */
public enum ChecksumAlgorithm {
  /** CRC-32 (ISO-HDLC), 8 hex digits. */
  CRC32,
  /** CRC-32C (Castagnoli), 8 hex digits. */
  CRC32C,
  /** CRC-64/NVME, 16 hex digits. */
  CRC64NVME,
  /** CRC-64/ECMA-182 as in XZ (OSS's {@code x-oss-hash-crc64ecma}), 16 hex digits. */
  CRC64ECMA,
  /** SHA-256, 64 hex digits. */
  SHA256,
  /** MD5, 32 hex digits. */
  MD5
}
