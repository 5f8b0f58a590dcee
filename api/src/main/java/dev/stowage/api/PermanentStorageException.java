package dev.stowage.api;

/**
 * Any other failure that another attempt cannot cure: a full disk, a malformed request, an
 * unexpected answer. Not retryable.
 */
public final class PermanentStorageException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param context where it happened
   * @param reason why, and what to do
   */
  public PermanentStorageException(ErrorContext context, String reason) {
    super(context, reason, null);
  }

  /**
   * Creates the exception with the underlying cause.
   *
   * @param context where it happened
   * @param reason why, and what to do
   * @param cause the SDK's or the JDK's exception
   */
  public PermanentStorageException(ErrorContext context, String reason, Throwable cause) {
    super(context, reason, cause);
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code false}
   */
  @Override
  public boolean isRetryable() {
    return false;
  }
}
