package dev.stowage.api;

/**
 * A key breaks the key rules of {@link Keys} or of the provider. Thrown before any I/O, but for a
 * key a store without {@link Capability#NESTED_KEYS} finds taken by an object above it or keys
 * below it. Not retryable.
 */
public final class InvalidKeyException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param context where it happened
   * @param reason why, and what to do
   */
  public InvalidKeyException(ErrorContext context, String reason) {
    super(context, reason, null);
  }

  /**
   * Creates the exception with the underlying cause.
   *
   * @param context where it happened
   * @param reason why, and what to do
   * @param cause the SDK's or the JDK's exception
   */
  public InvalidKeyException(ErrorContext context, String reason, Throwable cause) {
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
