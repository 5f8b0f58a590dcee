package dev.stowage.engine;

import dev.stowage.api.Content;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
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
    MessageDigest digest = newDigest();
    Sums again;
    try (InputStream in = new DigestInputStream(content.open(), digest)) {
      again = Sums.of(in, sent.codes());
    } catch (IOException e) {
      throw new UncheckedIOException("reading the source again failed: " + e.getMessage(), e);
    }
    return new Of(
        HexFormat.of().formatHex(digest.digest()),
        again.length() != sent.length() || !again.toMap().equals(sent.toMap()));
  }

  /** Reads a stream to its end and returns its MD5, lower-case hex. */
  static String of(InputStream in) throws IOException {
    MessageDigest digest = newDigest();
    try (InputStream digesting = new DigestInputStream(in, digest)) {
      digesting.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  /** Returns a new MD5 digest. */
  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no MD5", e);
    }
  }
}
