package dev.stowage.api;

/**
 * A location, an option or a provider choice is invalid: unknown scheme, malformed URI, unknown or
 * malformed option. Thrown before any I/O where possible. Not retryable.
 */
public final class InvalidConfigException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param context where it happened
   * @param reason why, and what to do
   */
  public InvalidConfigException(ErrorContext context, String reason) {
    super(context, reason, null);
  }

  /**
   * Creates the exception with the underlying cause.
   *
   * @param context where it happened
   * @param reason why, and what to do
   * @param cause the SDK's or the JDK's exception
   */
  public InvalidConfigException(ErrorContext context, String reason, Throwable cause) {
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
