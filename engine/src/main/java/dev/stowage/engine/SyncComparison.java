package dev.stowage.engine;

/** How a sync decides that an object on both sides is the same, once their sizes agree. */
public enum SyncComparison {
  /**
   * By a checksum both listings carry (CRC-32C, CRC-64, MD5), else by modification time: the
   * default.
   */
  AUTO,
  /**
   * By a checksum both sides record, asking each store for it when its listing does not carry it;
   * an object with no checksum in common is copied, since it cannot be shown to be the same.
   */
  CHECKSUM,
  /** By time: copied if the source's object is newer than the target's. */
  TIME,
  /** By size alone. */
  SIZE
}
