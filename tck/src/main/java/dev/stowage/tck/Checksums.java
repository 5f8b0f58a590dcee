package dev.stowage.tck;

import dev.stowage.api.ChecksumAlgorithm;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * The kit's own reference checksums, to check what a store reports: computed here, independently of
 * any provider or the engine. Public so that tools built on the kit (the CLI's probe) check stores
 * the same way.
 */
public final class Checksums {
  private Checksums() {}

  /**
   * Returns the checksum of the bytes as lower-case hex, if the kit can compute that algorithm.
   *
   * @param algorithm the algorithm
   * @param bytes the bytes
   * @return the checksum, or empty for an algorithm the kit does not compute
   */
  public static Optional<String> of(ChecksumAlgorithm algorithm, byte[] bytes) {
    switch (algorithm) {
      case CRC32:
        {
          CRC32 crc = new CRC32();
          crc.update(bytes);
          return Optional.of(String.format("%08x", crc.getValue()));
        }
      case CRC32C:
        {
          CRC32C crc = new CRC32C();
          crc.update(bytes);
          return Optional.of(String.format("%08x", crc.getValue()));
        }
      case SHA256:
        return Optional.of(digest("SHA-256", bytes));
      case MD5:
        return Optional.of(digest("MD5", bytes));
      default:
        return Optional.empty();
    }
  }

  private static String digest(String name, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(name + " is missing from this JDK", e);
    }
  }
}
