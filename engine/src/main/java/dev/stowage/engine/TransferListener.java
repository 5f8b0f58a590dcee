package dev.stowage.engine;

/**
 * Hears the progress of an engine's transfers: called from the engine's threads when an object's
 * transfer starts, after each of its parts, ranges or single writes, and once when it ends,
 * transferred and verified or failed, so it must be quick and thread-safe. Every start is followed
 * by exactly one end or failure. An exception it throws is ignored.
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
   * Receives one object that a multi-object transfer found in its listing (or directory walk),
   * ahead of its transfer: the work known so far is every object queued (see {@link
   * TransferEngineBuilder#listAhead}). Called from the batch's listing thread. Does nothing by
   * default.
   *
   * @param key the key listed (a source key, or a file's path below the directory)
   * @param bytes its size, or -1 where the listing does not say
   */
  default void onQueued(String key, long bytes) {}

  /**
   * Receives the end of a multi-object transfer's listing: no object is queued after it. Not called
   * when the listing failed or the batch was stopped. Does nothing by default.
   *
   * @param objects the objects queued in all
   * @param bytes their bytes, those of unknown size aside
   */
  default void onListed(long objects, long bytes) {}

  /**
   * Receives the start of one object's transfer, single or one of a batch. Does nothing by default.
   *
   * @param key the key being written (or read, for a download)
   */
  default void onStarted(String key) {}

  /**
   * Receives the failure of one object's transfer; nothing of it was kept. Does nothing by default.
   *
   * @param key the key that was being written (or read, for a download)
   * @param failure what the caller is thrown
   */
  default void onFailed(String key, RuntimeException failure) {}

  /**
   * Receives an object transferred and verified, single or one of a batch. Does nothing by default.
   *
   * @param result what was transferred
   */
  default void onTransferred(TransferResult result) {}

  /**
   * Receives the continuation of an upload a run that did not end left (see {@link
   * TransferEngineBuilder#resumeJournal}), before the rest is sent. Does nothing by default.
   *
   * @param key the key being written
   * @param keptBytes the bytes of the parts the store held and that matched, not sent again
   * @param totalBytes the object's size
   */
  default void onResumed(String key, long keptBytes, long totalBytes) {}

  /**
   * Receives an upload that could not continue the one a run that did not end left, and starts
   * over. Does nothing by default.
   *
   * @param key the key being written
   * @param reason why, such as "the source changed since the interrupted upload"
   */
  default void onRestarted(String key, String reason) {}

  /**
   * Tells two listeners every event, this one first; what the first throws does not keep it from
   * the second. For a progress display and tracing at once, say.
   *
   * @param other the second listener
   * @return a listener that tells both
   */
  default TransferListener andThen(TransferListener other) {
    TransferListener first = this;
    java.util.Objects.requireNonNull(other, "other is null");
    return new TransferListener() {
      @Override
      public void onProgress(TransferProgress progress) {
        both(() -> first.onProgress(progress), () -> other.onProgress(progress));
      }

      @Override
      public void onQueued(String key, long bytes) {
        both(() -> first.onQueued(key, bytes), () -> other.onQueued(key, bytes));
      }

      @Override
      public void onListed(long objects, long bytes) {
        both(() -> first.onListed(objects, bytes), () -> other.onListed(objects, bytes));
      }

      @Override
      public void onStarted(String key) {
        both(() -> first.onStarted(key), () -> other.onStarted(key));
      }

      @Override
      public void onFailed(String key, RuntimeException failure) {
        both(() -> first.onFailed(key, failure), () -> other.onFailed(key, failure));
      }

      @Override
      public void onTransferred(TransferResult result) {
        both(() -> first.onTransferred(result), () -> other.onTransferred(result));
      }

      @Override
      public void onResumed(String key, long keptBytes, long totalBytes) {
        both(
            () -> first.onResumed(key, keptBytes, totalBytes),
            () -> other.onResumed(key, keptBytes, totalBytes));
      }

      @Override
      public void onRestarted(String key, String reason) {
        both(() -> first.onRestarted(key, reason), () -> other.onRestarted(key, reason));
      }

      private void both(Runnable a, Runnable b) {
        try {
          a.run();
        } finally {
          b.run();
        }
      }
    };
  }
}
