package dev.stowage.provider.oss;

import com.aliyun.oss.ClientErrorCode;
import com.aliyun.oss.ClientException;
import com.aliyun.oss.InconsistentException;
import com.aliyun.oss.OSSException;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.ThrottledException;
import dev.stowage.api.TransientStorageException;
import dev.stowage.provider.support.internal.LengthMismatchException;
import java.net.ConnectException;
import java.util.Map;

/**
 * Maps the OSS SDK's exceptions onto the api's, once, by OSS error code, never by parsing messages.
 * The SDK's service exception is not kept as the cause, because its text repeats the server's error
 * document (the string to sign, the AccessKey id); a {@link OssFailure} with its code, request id
 * and stack trace stands in.
 */
final class OssErrors {
  private static final String CLOCK_SKEW = "RequestTimeTooSkewed";

  private OssErrors() {}

  /** Maps an SDK failure; an api exception thrown inside a call passes through. */
  static StorageException map(ErrorContext context, String bucket, RuntimeException e) {
    if (e instanceof StorageException storage) {
      return storage;
    }
    if (e instanceof OSSException oss) {
      return service(context, bucket, oss);
    }
    if (e instanceof InconsistentException inconsistent) {
      return new IntegrityException(
          context.withRequestId(String.valueOf(inconsistent.getRequestId())),
          "the CRC-64 the server computed differs from the bytes sent; nothing is to be trusted. Send them again.",
          OssFailure.of(e));
    }
    boolean refused = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LengthMismatchException mismatch) {
        return new IntegrityException(context, mismatch.getMessage() + "; nothing was written", e);
      }
      refused |= t instanceof ConnectException;
    }
    if (e instanceof ClientException client) {
      String code = String.valueOf(client.getErrorCode());
      if (code.equals(ClientErrorCode.UNKNOWN_HOST)) {
        return new InvalidConfigException(
            context, "the endpoint's host is unknown. Check oss.endpoint and oss.region.", e);
      }
      if (code.equals(ClientErrorCode.CONNECTION_REFUSED) || refused) {
        return new TransientStorageException(
            context, "cannot connect to the endpoint. Check oss.endpoint and the network.", e);
      }
      if (code.equals(ClientErrorCode.SSL_EXCEPTION)) {
        return new InvalidConfigException(
            context,
            "the TLS handshake with the endpoint failed. Check oss.endpoint (https:// against a plain HTTP server?).",
            e);
      }
      return new TransientStorageException(
          context, "the request failed on the client side (" + code + "). Try again.", e);
    }
    return new PermanentStorageException(context, "unexpected SDK failure: " + e, e);
  }

  private static StorageException service(ErrorContext context, String bucket, OSSException e) {
    String code = e.getErrorCode() == null ? "" : e.getErrorCode();
    ErrorContext detailed = context.withErrorCode(code.isEmpty() ? "unknown" : code);
    if (e.getRequestId() != null && !e.getRequestId().isEmpty()) {
      detailed = detailed.withRequestId(e.getRequestId());
    }
    if (code.equals(CLOCK_SKEW)) {
      return clockSkew(detailed, e);
    }
    return classify(detailed, bucket, code, e.getErrorMessage(), OssFailure.of(e));
  }

  /**
   * Whether the server refused a request's time and named its own, which the client (configured to
   * correct its clock) has then taken its offset from, so that sending the request again can pass.
   */
  static boolean clockCorrected(OSSException e) {
    return CLOCK_SKEW.equals(e.getErrorCode()) && !field(e, "ServerTime").isEmpty();
  }

  private static StorageException clockSkew(ErrorContext detailed, OSSException e) {
    String requestTime = field(e, "RequestTime");
    String serverTime = field(e, "ServerTime");
    String times =
        requestTime.isEmpty() || serverTime.isEmpty()
            ? ""
            : " (request time " + requestTime + ", server time " + serverTime + ")";
    if (clockCorrected(e)) {
      // refused again after the correction: a request signed before it, or a clock that jumped
      return new TransientStorageException(
          detailed,
          "the server refused this request's time again"
              + times
              + " after the client took its clock offset from the server's. Try again; if it"
              + " persists, fix this machine's clock (NTP).",
          OssFailure.of(e));
    }
    return new PermanentStorageException(
        detailed,
        "this machine's clock is too far from the server's, and the server did not say its own"
            + " time, so the client cannot correct for it. Fix the clock (NTP).",
        OssFailure.of(e));
  }

  private static String field(OSSException e, String name) {
    Map<String, String> fields = e.getErrorFields();
    String value = fields == null ? null : fields.get(name);
    return value == null ? "" : value.trim();
  }

  /** Classifies an OSS error code, from a response or from one key of a batch delete. */
  static StorageException classify(
      ErrorContext detailed, String bucket, String code, String message, Throwable cause) {
    String said = message == null || message.isEmpty() ? code : message;
    return switch (code) {
      case "NoSuchBucket" ->
          new InvalidConfigException(
              detailed,
              "the bucket '"
                  + bucket
                  + "' does not exist. Check the bucket name and region, or create it.",
              cause);
      case "NoSuchKey" ->
          new ObjectNotFoundException(
              detailed, "no such object. List the location to see its keys.", cause);
      case "NoSuchUpload" ->
          new ObjectNotFoundException(
              detailed,
              "no such multipart upload; it was completed or aborted. Initiate a new upload.",
              cause);
      case "AccessDenied" ->
          new PermissionDeniedException(
              detailed,
              "access denied. Grant the AccessKey's RAM identity access to '" + bucket + "'.",
              cause);
      case "InvalidAccessKeyId",
          "SignatureDoesNotMatch",
          "SecurityTokenExpired",
          "InvalidSecurityToken" ->
          new PermissionDeniedException(
              detailed,
              "the credentials were refused ("
                  + code
                  + "). Check the AccessKey id, secret and security token.",
              cause);
      case "FileAlreadyExists", "PreconditionFailed" ->
          new PreconditionFailedException(
              detailed,
              "the object already exists or changed meanwhile; nothing was overwritten.",
              cause);
      case "InvalidPart", "InvalidPartOrder", "EntityTooSmall" ->
          new PreconditionFailedException(
              detailed,
              "the part list does not match the uploaded parts ("
                  + code
                  + "). Complete with the parts' own tags, ascending, each but the last at least 100 KiB.",
              cause);
      case "InvalidDigest", "InvalidCRC64", "IncompleteBody" ->
          new IntegrityException(
              detailed, "the server received other bytes than were sent. Send them again.", cause);
      case "InvalidObjectName", "KeyTooLong" ->
          new InvalidKeyException(detailed, "OSS refused the key: " + said + ".", cause);
      case "Throttling",
          "TooManyRequests",
          "SlowDown",
          "QpsLimitExceeded",
          "RequestLimitExceeded" ->
          new ThrottledException(detailed, "the server asks to slow down (" + code + ").", cause);
      case "InternalError",
          "ServiceUnavailable",
          "RequestTimeout",
          "GatewayTimeout",
          "BadGateway" ->
          new TransientStorageException(
              detailed, "the server failed (" + code + "): " + said + ". Try again.", cause);
      case "NotImplemented" ->
          new InvalidConfigException(
              detailed,
              "the endpoint does not implement this request. Check that oss.endpoint is an OSS endpoint.",
              cause);
      default ->
          new PermanentStorageException(
              detailed, "the server refused the request (" + code + "): " + said + ".", cause);
    };
  }

  /**
   * Stands in for an SDK service exception as a cause: code, request id and the SDK's stack trace,
   * without the server's error document.
   */
  static final class OssFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private OssFailure(String message, StackTraceElement[] stackTrace) {
      super(message, null, false, true);
      setStackTrace(stackTrace);
    }

    static OssFailure of(RuntimeException e) {
      String text =
          e instanceof OSSException oss
              ? "OSS error " + oss.getErrorCode() + ", request id " + oss.getRequestId()
              : e.getClass().getSimpleName();
      return new OssFailure(text, e.getStackTrace());
    }
  }
}
