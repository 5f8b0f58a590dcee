package dev.stowage.provider.oss;

import java.io.IOException;

/** A request body that ended before, or ran past, its declared length. */
final class LengthMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  LengthMismatchException(String message) {
    super(message);
  }
}
