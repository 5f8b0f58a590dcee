package dev.stowage.api;

/**
 * The operation needs a capability the store declares absent in its {@link Capabilities}. Not
 * retryable.
 */
public final class UnsupportedCapabilityException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param context where it happened
   * @param reason why, and what to do
   */
  public UnsupportedCapabilityException(ErrorContext context, String reason) {
    super(context, reason, null);
  }

  /**
   * Creates the exception with the underlying cause.
   *
   * @param context where it happened
   * @param reason why, and what to do
   * @param cause the SDK's or the JDK's exception
   */
  public UnsupportedCapabilityException(ErrorContext context, String reason, Throwable cause) {
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
