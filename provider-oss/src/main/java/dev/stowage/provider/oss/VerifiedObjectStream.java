package dev.stowage.provider.oss;

import com.aliyun.oss.common.utils.CRC64;
import com.aliyun.oss.model.OSSObject;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.TransientStorageException;
import java.io.IOException;
import java.io.InputStream;

/**
 * An object's body as read: fails if it ends before its Content-Length, and, when the whole object
 * is read, checks its CRC-64 against the one the server stored. Closing early aborts the connection
 * instead of draining the rest.
 */
final class VerifiedObjectStream extends InputStream {
  private final OSSObject object;
  private final InputStream in;
  private final long expectedLength;
  private final Long wholeObjectCrc;
  private final ErrorContext context;
  private final CRC64 crc = new CRC64();
  private long read;
  private boolean ended;

  /**
   * @param wholeObjectCrc the server's CRC-64 when the whole object is read, else null
   */
  VerifiedObjectStream(
      OSSObject object, long expectedLength, Long wholeObjectCrc, ErrorContext context) {
    this.object = object;
    this.in = object.getObjectContent();
    this.expectedLength = expectedLength;
    this.wholeObjectCrc = wholeObjectCrc;
    this.context = context;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] target, int offset, int count) throws IOException {
    if (ended) {
      return -1;
    }
    int n;
    try {
      n = in.read(target, offset, count);
    } catch (IOException e) {
      TransientStorageException typed =
          new TransientStorageException(
              context,
              "the read broke after "
                  + read
                  + " of "
                  + expectedLength
                  + " bytes ("
                  + e.getMessage()
                  + "). Read the object again.",
              e);
      throw new IOException(typed.getMessage(), typed);
    }
    if (n < 0) {
      ended = true;
      verify();
      return -1;
    }
    if (wholeObjectCrc != null) {
      crc.update(target, offset, n);
    }
    read += n;
    return n;
  }

  private void verify() throws IOException {
    if (read != expectedLength) {
      throw new IOException(
          new IntegrityException(
              context,
              "the response ended after "
                  + read
                  + " of "
                  + expectedLength
                  + " bytes. Read the object again."));
    }
    if (wholeObjectCrc != null && crc.getValue() != wholeObjectCrc) {
      throw new IOException(
          new IntegrityException(
              context,
              "the bytes read have CRC-64 "
                  + Long.toUnsignedString(crc.getValue())
                  + " but the object's is "
                  + Long.toUnsignedString(wholeObjectCrc)
                  + ". Read the object again."));
    }
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    if (ended || read == expectedLength) {
      object.close();
    } else {
      object.forcedClose();
    }
  }
}
