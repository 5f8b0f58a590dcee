package dev.stowage.api;

/**
 * Bytes did not match their checksum or their declared length: a truncated or corrupted transfer.
 * Retryable, since a fresh attempt re-sends from a replayable source.
 */
public final class IntegrityException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param context where it happened
   * @param reason why, and what to do
   */
  public IntegrityException(ErrorContext context, String reason) {
    super(context, reason, null);
  }

  /**
   * Creates the exception with the underlying cause.
   *
   * @param context where it happened
   * @param reason why, and what to do
   * @param cause the SDK's or the JDK's exception
   */
  public IntegrityException(ErrorContext context, String reason, Throwable cause) {
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
