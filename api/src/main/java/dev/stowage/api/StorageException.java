package dev.stowage.api;

import static java.util.Objects.requireNonNull;

/**
 * The root of every failure a store reports. Unchecked, and sealed: providers throw the final
 * subclasses and map their SDK's errors onto them once, at the point of failure.
 *
 * <p>The message says what failed, where, why and what to do, and never holds a secret. {@link
 * #isRetryable()} alone tells the engine whether another attempt can help; nobody parses messages.
 */
public abstract sealed class StorageException extends RuntimeException
    permits ObjectNotFoundException,
        PreconditionFailedException,
        PermissionDeniedException,
        InvalidKeyException,
        InvalidConfigException,
        IntegrityException,
        ThrottledException,
        TransientStorageException,
        UnsupportedCapabilityException,
        StorageFullException,
        PermanentStorageException {
  private static final long serialVersionUID = 1L;

  private final ErrorContext context;
  private final String reason;

  StorageException(ErrorContext context, String reason, Throwable cause) {
    super(
        compose(
            requireNonNull(context, "context is null"), requireNonNull(reason, "reason is null")),
        cause);
    this.context = context;
    this.reason = reason;
  }

  private static String compose(ErrorContext context, String reason) {
    StringBuilder text = new StringBuilder(context.describe()).append(": ").append(reason);
    if (context.errorCode().isPresent() || context.requestId().isPresent()) {
      text.append(" [");
      context.errorCode().ifPresent(code -> text.append("code ").append(code));
      if (context.errorCode().isPresent() && context.requestId().isPresent()) {
        text.append(", ");
      }
      context.requestId().ifPresent(id -> text.append("request id ").append(id));
      text.append(']');
    }
    return text.toString();
  }

  /**
   * Returns where the failure happened.
   *
   * @return the context
   */
  public ErrorContext context() {
    return context;
  }

  /**
   * Returns why it failed and what to do, without the context prefix of {@link #getMessage()}.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }

  /**
   * Returns whether another attempt of the same operation can succeed.
   *
   * @return true for throttling, transient and integrity failures
   */
  public abstract boolean isRetryable();
}
