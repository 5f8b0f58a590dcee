package dev.stowage.provider.s3;

import java.util.Locale;
import java.util.Optional;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/** What an S3 ETag says about an object's bytes. */
final class S3Etags {
  private S3Etags() {}

  /**
   * Whether an ETag is the content's MD5: 32 hex digits (not a multipart {@code -N} tag), and no
   * SSE-KMS or SSE-C, whose ETags are not.
   */
  static boolean isContentMd5(
      String etag, ServerSideEncryption encryption, String customerAlgorithm) {
    if (etag == null || customerAlgorithm != null) {
      return false;
    }
    String bare = etag.replace("\"", "");
    return bare.length() == 32
        && bare.chars().allMatch(c -> Character.digit(c, 16) >= 0)
        && (encryption == null || encryption == ServerSideEncryption.AES256);
  }

  /** The content's MD5, lower-case hex, if the ETag is one (see {@link #isContentMd5}). */
  static Optional<String> contentMd5(
      String etag, ServerSideEncryption encryption, String customerAlgorithm) {
    return isContentMd5(etag, encryption, customerAlgorithm)
        ? Optional.of(unquote(etag).toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  static String unquote(String etag) {
    return etag != null && etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")
        ? etag.substring(1, etag.length() - 1)
        : String.valueOf(etag);
  }

  /** The ETag in quotes, as conditional headers carry it. */
  static String quote(String etag) {
    return "\"" + unquote(etag) + "\"";
  }
}
