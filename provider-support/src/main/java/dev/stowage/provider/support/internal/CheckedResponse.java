package dev.stowage.provider.support.internal;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.TransientStorageException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.Checksum;

/**
 * A response body of known length: ends (again and again, as an {@link InputStream} must) after
 * exactly that many bytes, and fails if the connection breaks or ends first, with an {@link
 * IOException} whose cause is a retryable {@link TransientStorageException} naming the key and how
 * far the read got, so a cut body is never a short success. When the whole object is read and the
 * server sent its checksum, the bytes are checked against it at the end; a mismatch is an {@link
 * IOException} whose cause is an {@link IntegrityException}.
 */
public final class CheckedResponse extends ExactLengthStream {
  private final InputStream in;
  private final ErrorContext context;
  private final Expected expected;
  private final Closer closer;
  private boolean verified;

  /** Closes the response, knowing whether all of it was read (else it may abort the connection). */
  @FunctionalInterface
  public interface Closer {
    /**
     * Closes the response.
     *
     * @param complete whether every byte was read
     * @throws IOException if closing fails
     */
    void close(boolean complete) throws IOException;
  }

  /**
   * A checksum the whole body must have.
   *
   * @param name the checksum's name for messages, such as {@code "CRC-32C"}
   * @param checksum computes it over the bytes read
   * @param value the value the server sent
   */
  public record Expected(String name, Checksum checksum, long value) {
    /**
     * Checks that nothing is null.
     *
     * @param name see the record description
     * @param checksum see the record description
     * @param value see the record description
     */
    public Expected {
      requireNonNull(name, "name is null");
      requireNonNull(checksum, "checksum is null");
    }
  }

  private CheckedResponse(
      InputStream in, long length, ErrorContext context, Expected expected, Closer closer) {
    super(length);
    this.in = requireNonNull(in, "in is null");
    this.context = requireNonNull(context, "context is null");
    this.expected = expected;
    this.closer = requireNonNull(closer, "closer is null");
  }

  /**
   * Returns a body passed as it arrives: a range, or an object with nothing to check against.
   *
   * @param in the body
   * @param length the body's length
   * @param context the read's context, for errors
   * @param closer closes the response
   * @return the checked body
   */
  public static CheckedResponse unchecked(
      InputStream in, long length, ErrorContext context, Closer closer) {
    return new CheckedResponse(in, length, context, null, closer);
  }

  /**
   * Returns a whole object's body, checked at the end against a checksum the server sent.
   *
   * @param in the body
   * @param length the object's size
   * @param context the read's context, for errors
   * @param expected the checksum it must have
   * @param closer closes the response
   * @return the checked body
   */
  public static CheckedResponse verified(
      InputStream in, long length, ErrorContext context, Expected expected, Closer closer) {
    return new CheckedResponse(in, length, context, requireNonNull(expected), closer);
  }

  @Override
  int readSource(byte[] target, int offset, int count) throws IOException {
    int n;
    try {
      n = in.read(target, offset, count);
    } catch (IOException | RuntimeException e) {
      throw broken(e.getMessage(), e);
    }
    if (n < 0) {
      IOException cut = broken("the response ended early", null);
      EOFException early = new EOFException(cut.getMessage());
      early.initCause(cut.getCause());
      throw early;
    }
    return n;
  }

  @Override
  void passed(byte[] target, int offset, int count) {
    if (expected != null) {
      expected.checksum().update(target, offset, count);
    }
  }

  @Override
  void atEnd() throws IOException {
    verify();
  }

  @Override
  public long skip(long n) throws IOException {
    if (expected != null) {
      return super.skip(n); // through read(), so the skipped bytes are checked too
    }
    long skipped = in.skip(Math.min(Math.max(0, n), length - read));
    read += skipped;
    return skipped;
  }

  @Override
  public int available() throws IOException {
    return (int) Math.min(in.available(), length - read);
  }

  @Override
  public void close() throws IOException {
    closer.close(read == length);
  }

  private void verify() throws IOException {
    if (expected == null || verified) {
      return;
    }
    verified = true;
    long actual = expected.checksum().getValue();
    if (actual != expected.value()) {
      throw new IOException(
          new IntegrityException(
              context,
              "the bytes read have "
                  + expected.name()
                  + " "
                  + Long.toUnsignedString(actual)
                  + " but the object's is "
                  + Long.toUnsignedString(expected.value())
                  + "; they were damaged in transit. Read the object again."));
    }
  }

  /** A read that broke, naming the key, the location and how far it got. */
  private IOException broken(String why, Throwable cause) {
    TransientStorageException typed =
        new TransientStorageException(
            context,
            "the read broke after "
                + read
                + " of "
                + length
                + " bytes ("
                + why
                + "). Read the object again.",
            cause);
    return new IOException(typed.getMessage(), typed);
  }
}
