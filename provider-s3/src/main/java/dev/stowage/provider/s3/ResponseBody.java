package dev.stowage.provider.s3;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.TransientStorageException;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.CRC32C;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * A GET response body of known length: ends (again and again, as an {@link InputStream} must) after
 * exactly that many bytes, and fails if the connection ends first, so a cut body is never a short
 * success. A whole object's bytes are checked at the end against the full-object CRC-32C the same
 * response carries; a mismatch is an {@link IOException}, never a success with wrong bytes. (An
 * ETag is not checked here: S3Proxy has been seen to send one version's ETag with another's body
 * during overwrites. The engine compares it, with a second look at the object, after a download.)
 */
final class ResponseBody extends FilterInputStream {
  private final long length;
  private long remaining;
  private final Check check;
  private final ErrorContext context;

  private ResponseBody(InputStream in, long length, Check check, ErrorContext context) {
    super(in);
    this.length = length;
    this.remaining = length;
    this.check = check;
    this.context = context;
  }

  /** A body to return as it arrives: a range, or an object with nothing to check against. */
  static ResponseBody unchecked(InputStream in, long length, ErrorContext context) {
    return new ResponseBody(in, length, null, context);
  }

  /** A whole object's body, checked against the CRC-32C the response carries, if it does. */
  static ResponseBody whole(InputStream in, GetObjectResponse response, ErrorContext context) {
    long length = response.contentLength();
    String crc32c = response.checksumCRC32C();
    if (crc32c != null && response.checksumType() != ChecksumType.COMPOSITE) {
      return new ResponseBody(in, length, new Check(Base64.getDecoder().decode(crc32c)), context);
    }
    return new ResponseBody(in, length, null, context);
  }

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

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int count) throws IOException {
    if (count == 0) {
      return 0;
    }
    if (remaining == 0) {
      if (check != null) {
        check.verify();
      }
      return -1;
    }
    int n;
    try {
      n = in.read(target, offset, (int) Math.min(count, remaining));
    } catch (IOException | SdkException e) {
      throw broken(e.getMessage(), e);
    }
    if (n < 0) {
      throw new EOFException(broken("the response ended early", null).getMessage());
    }
    if (check != null) {
      check.update(target, offset, n);
    }
    remaining -= n;
    return n;
  }

  /** A read that broke, naming the key, the location and how far it got. */
  private IOException broken(String why, Throwable cause) {
    TransientStorageException typed =
        new TransientStorageException(
            context,
            "the read broke after "
                + (length - remaining)
                + " of "
                + length
                + " bytes ("
                + why
                + "). Read the object again.",
            cause);
    return new IOException(typed.getMessage(), typed);
  }

  @Override
  public long skip(long n) throws IOException {
    if (check != null) {
      return super.skip(n); // through read(), so the skipped bytes are checked too
    }
    long skipped = in.skip(Math.min(n, remaining));
    remaining -= skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), remaining);
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** The CRC-32C of the bytes read, compared once with the expected value. */
  private static final class Check {
    private final byte[] expected;
    private final CRC32C crc = new CRC32C();
    private boolean verified;

    private Check(byte[] expected) {
      this.expected = expected;
    }

    void update(byte[] bytes, int offset, int count) {
      crc.update(bytes, offset, count);
    }

    void verify() throws IOException {
      if (verified) {
        return;
      }
      verified = true;
      long value = crc.getValue();
      byte[] actual = {
        (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
      };
      if (!MessageDigest.isEqual(actual, expected)) {
        throw new IOException(
            "the bytes read do not match the object's CRC-32C the store reported; they were"
                + " damaged in transit. Read the object again.");
      }
    }
  }
}
