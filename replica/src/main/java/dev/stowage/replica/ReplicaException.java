package dev.stowage.replica;

/**
 * A replica cannot do what was asked for a reason of its content, not of the store: a stream that
 * is not an LTX file, files that leave a gap, nothing to restore before the target, an output file
 * that exists. The message names the location, the files or numbers involved and what to do.
 */
public final class ReplicaException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong and what to do
   */
  public ReplicaException(String message) {
    super(message);
  }
}
