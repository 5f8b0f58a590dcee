package dev.stowage.api;

/**
 * The store has no room for the write: a full disk, an exhausted quota. Not retryable, and no other
 * write to the same store can succeed until room is made, so a batch stops at the first one.
 */
public final class StorageFullException extends StorageException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param context where it happened
   * @param reason why, and what to do
   * @param cause the SDK's or the JDK's exception
   */
  public StorageFullException(ErrorContext context, String reason, Throwable cause) {
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
