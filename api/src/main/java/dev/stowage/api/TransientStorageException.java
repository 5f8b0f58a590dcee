package dev.stowage.api;

/**
 * A failure that another attempt can cure: a reset connection, a timeout, an HTTP 5xx. Retryable.
 */
public final class TransientStorageException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param context where it happened
   * @param reason why, and what to do
   */
  public TransientStorageException(ErrorContext context, String reason) {
    super(context, reason, null);
  }

  /**
   * Creates the exception with the underlying cause.
   *
   * @param context where it happened
   * @param reason why, and what to do
   * @param cause the SDK's or the JDK's exception
   */
  public TransientStorageException(ErrorContext context, String reason, Throwable cause) {
    super(context, reason, cause);
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code true}
   */
  @Override
  public boolean isRetryable() {
    return true;
  }
}
