package dev.stowage.replica;

/** Told of a restore's progress, from the restoring thread. */
@FunctionalInterface
public interface RestoreListener {
  /** A listener that ignores everything. */
  RestoreListener NONE = (file, bytesDone, bytesTotal) -> {};

  /**
   * Called after each file of the plan has been read, checked and applied.
   *
   * @param file the file
   * @param bytesDone the bytes of the plan's files read so far
   * @param bytesTotal the bytes of all the plan's files
   */
  void onFileApplied(LtxFile file, long bytesDone, long bytesTotal);
}
