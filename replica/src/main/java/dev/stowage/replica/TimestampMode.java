package dev.stowage.replica;

/** Where a listing takes each file's creation time from. */
public enum TimestampMode {
  /**
   * The listing's last-modified time: free, but on object stores it is the upload time, not the
   * header's.
   */
  LISTED,

  /**
   * The header's time as the file was written, read from each file's {@code litestream-timestamp}
   * metadata with a bounded fan-out of stats (the listing time where a file has none). On the
   * filesystem the modification time already is the header's.
   */
  EXACT
}
