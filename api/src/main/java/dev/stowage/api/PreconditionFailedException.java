package dev.stowage.api;

/**
 * A condition of the request did not hold: the object already exists on a create-only write, or a
 * part list or ETag did not match. Not retryable.
 */
public final class PreconditionFailedException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param context where it happened
   * @param reason why, and what to do
   */
  public PreconditionFailedException(ErrorContext context, String reason) {
    super(context, reason, null);
  }

  /**
   * Creates the exception with the underlying cause.
   *
   * @param context where it happened
   * @param reason why, and what to do
   * @param cause the SDK's or the JDK's exception
   */
  public PreconditionFailedException(ErrorContext context, String reason, Throwable cause) {
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
