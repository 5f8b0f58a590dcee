package dev.stowage.provider.support.internal;

import java.io.IOException;

/** A body yielded fewer or more bytes than its declared length. */
public final class LengthMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  /**
   * Returns the exception.
   *
   * @param message what differed
   */
  public LengthMismatchException(String message) {
    super(message);
  }
}
