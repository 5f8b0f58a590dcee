package dev.stowage.replica;

import java.io.IOException;

/** An LTX file that is malformed, truncated or fails its checksum; the message says where. */
final class CorruptLtxException extends IOException {
  private static final long serialVersionUID = 1L;

  CorruptLtxException(String message) {
    super(message);
  }
}
