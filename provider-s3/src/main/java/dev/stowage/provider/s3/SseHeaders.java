package dev.stowage.provider.s3;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.function.Consumer;

/** The encryption headers every write (and, for SSE-C, every read) carries. */
final class SseHeaders {
  private final S3Settings settings;
  private final String customerKey;
  private final String customerKeyMd5;

  SseHeaders(S3Settings settings) {
    this.settings = settings;
    this.customerKey = settings.customerKey().map(Base64.getEncoder()::encodeToString).orElse(null);
    this.customerKeyMd5 = settings.customerKey().map(SseHeaders::md5).orElse(null);
  }

  /** Sets SSE-S3 or SSE-KMS on a write. */
  void apply(Consumer<String> serverSideEncryption, Consumer<String> kmsKeyId) {
    switch (settings.sse()) {
      case AES256 -> serverSideEncryption.accept("AES256");
      case KMS -> {
        serverSideEncryption.accept("aws:kms");
        settings.kmsKeyId().ifPresent(kmsKeyId);
      }
      case NONE -> {}
    }
  }

  /** Sets the SSE-C key on a request, if one is configured. */
  void customerKey(Consumer<String> algorithm, Consumer<String> key, Consumer<String> keyMd5) {
    if (customerKey != null) {
      algorithm.accept("AES256");
      key.accept(customerKey);
      keyMd5.accept(customerKeyMd5);
    }
  }

  @Override
  public String toString() {
    return "SseHeaders[" + settings.sse() + (customerKey == null ? "" : ", SSE-C key ****") + "]";
  }

  private static String md5(byte[] key) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(key));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is missing from this JDK", e);
    }
  }
}
