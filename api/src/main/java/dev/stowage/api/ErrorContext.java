package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * Where a {@link StorageException} happened: the operation, the (redacted) location, and when known
 * the key, the provider's error code and the server's request id. Immutable.
 */
public final class ErrorContext implements Serializable {
  private static final long serialVersionUID = 1L;

  private final StorageOperation operation;
  private final String location;
  private final String key;
  private final String errorCode;
  private final String requestId;

  private ErrorContext(
      StorageOperation operation, String location, String key, String errorCode, String requestId) {
    this.operation = requireNonNull(operation, "operation is null");
    this.location = requireNonNull(location, "location is null");
    this.key = key;
    this.errorCode = errorCode;
    this.requestId = requestId;
  }

  /**
   * Returns a context for an operation on a store location.
   *
   * @param operation the operation that failed
   * @param location the store's location; its redacted form is kept
   * @return the context
   */
  public static ErrorContext of(StorageOperation operation, StorageLocation location) {
    return new ErrorContext(operation, location.toString(), null, null, null);
  }

  /**
   * Returns a context for an operation on something that is not (yet) a parsed location, such as
   * user input that failed to parse. The caller must pass a string that holds no secret.
   *
   * @param operation the operation that failed
   * @param redactedLocation a description of the location that holds no secret
   * @return the context
   */
  public static ErrorContext of(StorageOperation operation, String redactedLocation) {
    return new ErrorContext(operation, redactedLocation, null, null, null);
  }

  /**
   * Returns a copy naming the object key.
   *
   * @param key the key, relative to the store's location
   * @return the new context
   */
  public ErrorContext withKey(String key) {
    return new ErrorContext(
        operation, location, requireNonNull(key, "key is null"), errorCode, requestId);
  }

  /**
   * Returns a copy carrying the provider's or server's error code, such as {@code NoSuchKey}.
   *
   * @param errorCode the code
   * @return the new context
   */
  public ErrorContext withErrorCode(String errorCode) {
    return new ErrorContext(
        operation, location, key, requireNonNull(errorCode, "errorCode is null"), requestId);
  }

  /**
   * Returns a copy carrying the server's request id, for support requests.
   *
   * @param requestId the id
   * @return the new context
   */
  public ErrorContext withRequestId(String requestId) {
    return new ErrorContext(
        operation, location, key, errorCode, requireNonNull(requestId, "requestId is null"));
  }

  /**
   * Returns the operation that failed.
   *
   * @return the operation
   */
  public StorageOperation operation() {
    return operation;
  }

  /**
   * Returns the location with secrets redacted.
   *
   * @return the location
   */
  public String location() {
    return location;
  }

  /**
   * Returns the object key, if the failure concerns one.
   *
   * @return the key
   */
  public Optional<String> key() {
    return Optional.ofNullable(key);
  }

  /**
   * Returns the provider's or server's error code, if any.
   *
   * @return the code
   */
  public Optional<String> errorCode() {
    return Optional.ofNullable(errorCode);
  }

  /**
   * Returns the server's request id, if any.
   *
   * @return the id
   */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /**
   * Returns {@code "<operation> failed for <location> (key '<key>')"}.
   *
   * @return the description
   */
  String describe() {
    StringBuilder text =
        new StringBuilder(operation.phrase()).append(" failed for ").append(location);
    if (key != null) {
      text.append(" (key '").append(key).append("')");
    }
    return text.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ErrorContext that
        && operation == that.operation
        && location.equals(that.location)
        && Objects.equals(key, that.key)
        && Objects.equals(errorCode, that.errorCode)
        && Objects.equals(requestId, that.requestId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(operation, location, key, errorCode, requestId);
  }

  @Override
  public String toString() {
    return describe()
        + (errorCode == null ? "" : " code=" + errorCode)
        + (requestId == null ? "" : " requestId=" + requestId);
  }
}
