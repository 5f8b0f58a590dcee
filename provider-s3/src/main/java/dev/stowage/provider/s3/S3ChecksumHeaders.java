package dev.stowage.provider.s3;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.HexFormat;

/** S3's checksum headers, which carry a checksum's bytes in base64. */
final class S3ChecksumHeaders {
  private S3ChecksumHeaders() {}

  /** Returns a checksum header's value as hex digits. */
  static String hex(String base64) {
    return HexFormat.of().formatHex(decode(base64));
  }

  /**
   * Reads the CRC-32C header's value; one that is not 4 bytes of base64 is -1, which no CRC-32C
   * equals, so the read fails its check instead of passing unchecked.
   */
  static long crc32cValue(String base64) {
    try {
      byte[] bytes = decode(base64);
      return bytes.length == Integer.BYTES
          ? Integer.toUnsignedLong(ByteBuffer.wrap(bytes).getInt())
          : -1;
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  /** Returns a checksum given as hex digits as a header's base64 value. */
  static String base64(String hex) {
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
  }

  private static byte[] decode(String base64) {
    return Base64.getDecoder().decode(base64);
  }
}
