package dev.stowage.provider.s3;

import java.io.IOException;

/**
 * A {@link dev.stowage.api.Content} stream yielded fewer or more bytes than its declared length.
 */
final class LengthMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  LengthMismatchException(String message) {
    super(message);
  }
}
