package dev.stowage.provider.s3;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Wraps a credentials provider so that "no credentials anywhere" reaches {@link S3Errors} as this
 * marker, which it maps to one short line instead of the SDK's account of every provider tried.
 */
final class MissingCredentials extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private MissingCredentials(RuntimeException cause) {
    super("no AWS credentials were found", cause);
  }

  static Guarded guard(AwsCredentialsProvider delegate) {
    return new Guarded(delegate);
  }

  /** A credentials provider that reports a missing chain as {@link MissingCredentials}. */
  record Guarded(AwsCredentialsProvider delegate)
      implements AwsCredentialsProvider, SdkAutoCloseable {
    @Override
    public AwsCredentials resolveCredentials() {
      try {
        return delegate.resolveCredentials();
      } catch (RuntimeException e) {
        throw SdkClientException.builder()
            .message("no AWS credentials were found")
            .cause(new MissingCredentials(e))
            .build();
      }
    }

    @Override
    public void close() {
      if (delegate instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          // Closing only stops a refresh thread; nothing to report.
        }
      }
    }

    @Override
    public String toString() {
      return delegate.getClass().getSimpleName();
    }
  }
}
