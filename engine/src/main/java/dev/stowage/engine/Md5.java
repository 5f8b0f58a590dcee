package dev.stowage.engine;

import dev.stowage.api.Content;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The MD5 of content, for comparing with an ETag that is one. */
final class Md5 {
  private Md5() {}

  /** The MD5 of content read again, and whether those bytes differ from the ones sent. */
  record Of(String md5, boolean changed) {}

  /**
   * Reads content again, computing its MD5 and the sums it was sent with, to tell whether it still
   * holds the bytes sent.
   */
  static Of of(Content content, Sums sent) {
    MessageDigest digest = digest();
    Sums.Running running = new Sums.Running(sent.codes());
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = content.open()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
        running.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading the source again failed: " + e.getMessage(), e);
    }
    Sums again = running.finish();
    return new Of(
        HexFormat.of().formatHex(digest.digest()),
        again.length() != sent.length() || !again.toMap().equals(sent.toMap()));
  }

  static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}
