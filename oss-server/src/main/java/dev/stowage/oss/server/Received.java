package dev.stowage.oss.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A body as received: its bytes, kept in memory or spooled to a private file of the server's
 * directory as they arrive, with their MD5 and CRC-64 computed on the way.
 */
record Received(ObjectBytes bytes, byte[] md5, long crc64) {

  /**
   * Reads a body to its end.
   *
   * @param spool the folder to spool into, or null to keep the bytes in memory
   */
  static Received receive(InputStream body, ObjectDirectory spool) {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JDK", e);
    }
    Path file = null;
    try (InputStream in = body) {
      OutputStream sink;
      ByteArrayOutputStream memory = null;
      if (spool == null) {
        memory = new ByteArrayOutputStream();
        sink = memory;
      } else {
        file = spool.spoolFile();
        sink = spool.openSpool(file);
      }
      long crc = 0;
      long length = 0;
      try (OutputStream out = sink) {
        byte[] buffer = new byte[64 * 1024];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
          md5.update(buffer, 0, read);
          crc = Crc64.update(crc, buffer, 0, read);
          out.write(buffer, 0, read);
          length += read;
        }
      }
      ObjectBytes bytes =
          memory != null
              ? new ObjectBytes.InMemory(memory.toByteArray())
              : new ObjectBytes.InFile(file, 0, length, true);
      return new Received(bytes, md5.digest(), crc);
    } catch (IOException | RuntimeException e) {
      if (file != null) {
        new ObjectBytes.InFile(file, 0, 0, true).discard();
      }
      if (e instanceof OssError error) {
        throw error;
      }
      if (e instanceof IOException io) {
        throw new OssError(400, "IncompleteBody", "The request body could not be read: " + io);
      }
      throw (RuntimeException) e;
    }
  }
}
