package dev.stowage.provider.s3;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageFullException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.ThrottledException;
import dev.stowage.api.TransientStorageException;
import dev.stowage.provider.support.internal.LengthMismatchException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.EnumSet;
import java.util.Set;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Maps the SDK's exceptions onto the api's, once, where they are thrown: by HTTP status and S3
 * error code, never by parsing messages. The SDK exception stays the cause.
 */
final class S3Errors {
  private S3Errors() {}

  /**
   * The operations whose requests carry a flexible checksum unless calculation is when_required.
   */
  private static final Set<StorageOperation> CHECKSUMMED =
      EnumSet.of(
          StorageOperation.WRITE,
          StorageOperation.INITIATE_MULTIPART,
          StorageOperation.UPLOAD_PART,
          StorageOperation.COMPLETE_MULTIPART,
          StorageOperation.DELETE);

  private static final Set<String> LEADING_SLASH_REFUSALS =
      Set.of(
          "",
          "SignatureDoesNotMatch",
          "InvalidRequest",
          "InvalidArgument",
          "InvalidObjectName",
          "XMinioInvalidObjectName");

  static StorageException map(ErrorContext context, S3Settings settings, SdkException e) {
    if (e instanceof S3Exception s3) {
      return mapService(context, settings, s3);
    }
    Throwable root = e;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof LengthMismatchException mismatch) {
        return new IntegrityException(context, mismatch.getMessage() + "; nothing was written", e);
      }
      if (t instanceof MissingCredentials) {
        return new PermissionDeniedException(
            context,
            "no AWS credentials were found. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, choose a profile"
                + " with -o s3.profile=NAME, or pass -o s3.access-key-id=... -o s3.secret-access-key=...",
            e);
      }
      if (t instanceof UnknownHostException) {
        return new InvalidConfigException(
            context,
            "the endpoint's host is unknown ("
                + t.getMessage()
                + "). Check s3.endpoint and s3.region.",
            e);
      }
      if (t instanceof SSLException) {
        return new InvalidConfigException(
            context,
            "the TLS handshake with the endpoint failed ("
                + t.getMessage()
                + "). Check s3.endpoint (https:// to a plain HTTP server?) and the trust store.",
            e);
      }
      if (t instanceof ConnectException) {
        return new TransientStorageException(
            context,
            "cannot connect to the endpoint ("
                + t.getMessage()
                + "). Check s3.endpoint and the network.",
            e);
      }
      root = t;
    }
    if (e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException) {
      return new TransientStorageException(
          context, "the request timed out. Try again, or raise s3.attempt-timeout.", e);
    }
    if (e instanceof SdkClientException) {
      return new TransientStorageException(
          context, "the request failed on the client side: " + root.getMessage(), e);
    }
    return new PermanentStorageException(context, "unexpected SDK failure: " + e.getMessage(), e);
  }

  private static StorageException mapService(
      ErrorContext context, S3Settings settings, S3Exception e) {
    int status = e.statusCode();
    String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    ErrorContext detailed = context.withErrorCode(code == null ? "HTTP " + status : code);
    if (e.requestId() != null && !e.requestId().isEmpty()) {
      detailed = detailed.withRequestId(e.requestId());
    }
    String message =
        e.awsErrorDetails() != null && e.awsErrorDetails().errorMessage() != null
            ? e.awsErrorDetails().errorMessage()
            : "no message";
    if (refusesLeadingSlash(detailed, status, code)) {
      return new InvalidConfigException(
          detailed,
          "the server refused a key that starts with '/' (HTTP "
              + status
              + ": "
              + message
              + "). S3 holds such keys, and Litestream writes them for a replica at a bucket's"
              + " root; this server does not. Set s3.leading-slash-keys=false.",
          e);
    }
    return classify(detailed, settings, status, code == null ? "" : code, message, e);
  }

  /**
   * Whether an answer is a server's refusal of a key that starts with '/': one that folds the
   * request's doubled slash fails its signature check, or calls the request or the name invalid.
   */
  private static boolean refusesLeadingSlash(ErrorContext context, int status, String code) {
    return context.key().filter(key -> key.startsWith("/")).isPresent()
        && (status == 400 || status == 403)
        && LEADING_SLASH_REFUSALS.contains(code == null ? "" : code);
  }

  /** Maps one key's error of a DeleteObjects response, which carries a code but no status. */
  static StorageException forKeyError(
      ErrorContext context, S3Settings settings, String code, String message) {
    return classify(
        context.withErrorCode(String.valueOf(code)),
        settings,
        0,
        code == null ? "" : code,
        message == null ? "no message" : message,
        null);
  }

  private static StorageException classify(
      ErrorContext detailed,
      S3Settings settings,
      int status,
      String code,
      String message,
      Throwable e) {
    String bucket = settings.remote().bucket();
    String httpStatus = status > 0 ? " (HTTP " + status + ")" : "";
    switch (code) {
      case "NoSuchBucket":
        return new InvalidConfigException(
            detailed,
            "the bucket '"
                + bucket
                + "' does not exist"
                + httpStatus
                + ". Check the bucket name and region, or create it.",
            e);
      case "NoSuchKey":
        return new ObjectNotFoundException(
            detailed, "no such object" + httpStatus + ". List the location to see its keys.", e);
      case "NoSuchUpload":
        return new ObjectNotFoundException(
            detailed,
            "no such multipart upload"
                + httpStatus
                + "; it was completed or aborted. Initiate a new upload.",
            e);
      case "AccessDenied", "AllAccessDisabled":
        return new PermissionDeniedException(
            detailed,
            "access denied"
                + httpStatus
                + ". Grant the credentials' identity access to '"
                + bucket
                + "'.",
            e);
      case "InvalidAccessKeyId",
      "SignatureDoesNotMatch",
      "ExpiredToken",
      "InvalidToken",
      "TokenRefreshRequired":
        return new PermissionDeniedException(
            detailed,
            "the credentials were refused"
                + httpStatus
                + ". Check the access key, secret and session token.",
            e);
      case "PreconditionFailed", "ConditionalRequestConflict", "OperationAborted":
        return new PreconditionFailedException(
            detailed,
            "the object already exists or changed meanwhile"
                + httpStatus
                + "; nothing was overwritten.",
            e);
      case "InvalidPart", "InvalidPartOrder", "EntityTooSmall":
        return new PreconditionFailedException(
            detailed,
            "the part list does not match the uploaded parts"
                + httpStatus
                + ". Complete with the parts' own tags, ascending, each but the last at least 5 MiB.",
            e);
      case "BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch", "IncompleteBody":
        return new IntegrityException(
            detailed,
            "the server received other bytes than were sent" + httpStatus + ". Send them again.",
            e);
      case "SlowDown",
      "Throttling",
      "ThrottlingException",
      "RequestLimitExceeded",
      "TooManyRequests":
        return new ThrottledException(
            detailed, "the server asks to slow down" + httpStatus + ".", e);
      case "PermanentRedirect",
      "AuthorizationHeaderMalformed",
      "IllegalLocationConstraintException":
        return new InvalidConfigException(
            detailed,
            "the bucket '"
                + bucket
                + "' is in another region"
                + httpStatus
                + ". Set s3.region to the bucket's region.",
            e);
      case "RequestTimeTooSkewed":
        return new PermanentStorageException(
            detailed,
            "this machine's clock is too far from the server's"
                + httpStatus
                + ". Fix the clock (NTP).",
            e);
      case "NotImplemented":
        boolean checksummed =
            !settings.whenRequiredChecksums() && CHECKSUMMED.contains(detailed.operation());
        return new InvalidConfigException(
            detailed,
            "the endpoint does not implement a feature of the request"
                + httpStatus
                + (checksummed
                    ? "; it carried a flexible checksum, which many S3-compatible stores reject."
                        + " Set s3.checksum-calculation=when_required."
                    : detailed.operation() == StorageOperation.LIST
                        ? ". The store does not answer ListObjectsV2; set s3.list-objects=v1 to"
                            + " list with the original ListObjects."
                        : ". The store lacks this operation; withdraw the capability that needs"
                            + " it."),
            e);
      case "MissingContentMD5":
        return new InvalidConfigException(
            detailed,
            "the server requires a Content-MD5 header"
                + httpStatus
                + ", which the SDK no longer sends on a batch delete. Set s3.content-md5=true.",
            e);
      case "InvalidRange":
        return new PermanentStorageException(
            detailed, "the range is not satisfiable" + httpStatus + ".", e);
      case "XMinioStorageFull", "XMinioAdminBucketQuotaExceeded", "QuotaExceeded":
        return storeFull(detailed, code, status, e);
      default:
        break;
    }
    if (status == 507) {
      return storeFull(detailed, code, status, e);
    }
    if (status == 404) {
      return new ObjectNotFoundException(detailed, "not found" + httpStatus + ".", e);
    }
    if (status == 403) {
      return new PermissionDeniedException(
          detailed,
          "access denied" + httpStatus + ". Check the credentials and the bucket policy.",
          e);
    }
    if (status == 412) {
      return new PreconditionFailedException(
          detailed, "a precondition failed" + httpStatus + "; nothing was overwritten.", e);
    }
    if (status == 429 || status == 503) {
      return new ThrottledException(detailed, "the server is overloaded" + httpStatus + ".", e);
    }
    if (status == 408 || status >= 500 || code.equals("InternalError")) {
      return new TransientStorageException(
          detailed, "the server failed" + httpStatus + ": " + message + ". Try again.", e);
    }
    return new PermanentStorageException(
        detailed, "the server refused the request" + httpStatus + ": " + message + ".", e);
  }

  /** A store out of space or over its quota: no retry frees space, so a batch stops there. */
  private static StorageException storeFull(
      ErrorContext detailed, String code, int status, Throwable e) {
    return new StorageFullException(
        detailed,
        "the store is full or over its quota ("
            + code
            + (status > 0 ? ", HTTP " + status : "")
            + "). Free space or raise the quota, then run again.",
        e);
  }
}
