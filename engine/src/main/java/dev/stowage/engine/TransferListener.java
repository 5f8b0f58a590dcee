package dev.stowage.engine;

/**
 * Hears the progress of an engine's transfers: called from the engine's threads after each part,
 * range or single write, and once per object transferred and verified, so it must be quick and
 * thread-safe. An exception it throws is ignored.
 */
@FunctionalInterface
public interface TransferListener {
  /** Hears nothing. */
  TransferListener NONE = progress -> {};

  /**
   * Receives one step of one transfer.
   *
   * @param progress the transfer's key, its bytes so far and the bytes of this step
   */
  void onProgress(TransferProgress progress);

  /**
   * Receives an object transferred and verified, single or one of a batch. Does nothing by default.
   *
   * @param result what was transferred
   */
  default void onTransferred(TransferResult result) {}
}
