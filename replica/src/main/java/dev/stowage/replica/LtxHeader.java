package dev.stowage.replica;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The 100-byte header of an LTX file (all integers big-endian): flags, page size, the database size
 * in pages after the file is applied, the transaction range and the time the file was written.
 *
 * @param flags the header flags; {@link #FLAG_NO_CHECKSUM} is the only defined bit
 * @param pageSize the database page size, a power of two from 512 to 65,536
 * @param commit the database size in pages after applying the file
 * @param minTxid the first transaction the file holds, at least 1
 * @param maxTxid the last transaction the file holds, at least {@code minTxid}
 * @param timestamp when the file was written, to the millisecond
 * @param preApplyChecksum the database checksum before applying; 0 for snapshots and when no
 *     checksum is tracked
 */
public record LtxHeader(
    int flags,
    int pageSize,
    long commit,
    long minTxid,
    long maxTxid,
    Instant timestamp,
    long preApplyChecksum) {
  /** The size of the header in bytes. */
  public static final int SIZE = 100;

  /** The flag saying the file tracks no database checksum (Litestream sets it). */
  public static final int FLAG_NO_CHECKSUM = 0x2;

  private static final byte[] MAGIC = "LTX1".getBytes(StandardCharsets.US_ASCII);

  /**
   * Tells whether the bytes start with the LTX magic {@code LTX1}.
   *
   * @param bytes at least 4 bytes
   * @return true if they do
   */
  static boolean hasMagic(byte[] bytes) {
    return bytes.length >= MAGIC.length
        && bytes[0] == MAGIC[0]
        && bytes[1] == MAGIC[1]
        && bytes[2] == MAGIC[2]
        && bytes[3] == MAGIC[3];
  }

  /**
   * Reads the timestamp field (milliseconds at bytes 32 to 39) of a header whose other fields are
   * not checked, as Litestream does on write.
   *
   * @param header the 100 header bytes
   * @return the timestamp
   */
  static Instant timestampOf(byte[] header) {
    return Instant.ofEpochMilli(ByteBuffer.wrap(header).getLong(32));
  }

  /**
   * Decodes and validates a header as Litestream's decoder does.
   *
   * @param bytes the 100 header bytes
   * @return the header
   * @throws IllegalArgumentException naming the first field that is not valid
   */
  static LtxHeader decode(byte[] bytes) {
    if (bytes.length != SIZE) {
      throw new IllegalArgumentException("the header is " + bytes.length + " bytes, not " + SIZE);
    }
    if (!hasMagic(bytes)) {
      throw new IllegalArgumentException("the file does not start with the LTX magic 'LTX1'");
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    int flags = buffer.getInt(4);
    int pageSize = buffer.getInt(8);
    long commit = Integer.toUnsignedLong(buffer.getInt(12));
    long minTxid = buffer.getLong(16);
    long maxTxid = buffer.getLong(24);
    long millis = buffer.getLong(32);
    long preApply = buffer.getLong(40);
    long walOffset = buffer.getLong(48);
    long walSize = buffer.getLong(56);
    boolean walSalts = buffer.getInt(64) != 0 || buffer.getInt(68) != 0;
    if ((flags & ~FLAG_NO_CHECKSUM) != 0) {
      throw new IllegalArgumentException(String.format("invalid flags 0x%08x", flags));
    }
    if (pageSize < 512 || pageSize > 65_536 || Integer.bitCount(pageSize) != 1) {
      throw new IllegalArgumentException("invalid page size " + Integer.toUnsignedString(pageSize));
    }
    if (minTxid < 1 || maxTxid < minTxid) {
      throw new IllegalArgumentException(
          "invalid transaction range "
              + Long.toUnsignedString(minTxid)
              + "-"
              + Long.toUnsignedString(maxTxid));
    }
    if (walOffset < 0 || walSize < 0) {
      throw new IllegalArgumentException("negative WAL offset or size");
    }
    if (walOffset == 0 && walSalts) {
      throw new IllegalArgumentException("WAL salts without a WAL offset");
    }
    if (walOffset == 0 && walSize != 0) {
      throw new IllegalArgumentException("a WAL size without a WAL offset");
    }
    boolean snapshot = minTxid == 1;
    boolean noChecksum = (flags & FLAG_NO_CHECKSUM) != 0;
    if ((snapshot || noChecksum) && preApply != 0) {
      throw new IllegalArgumentException("a pre-apply checksum where none is allowed");
    }
    if (!snapshot && !noChecksum && (preApply & LtxChecksums.FLAG) == 0) {
      throw new IllegalArgumentException("a missing or malformed pre-apply checksum");
    }
    return new LtxHeader(
        flags, pageSize, commit, minTxid, maxTxid, Instant.ofEpochMilli(millis), preApply);
  }

  /**
   * Tells whether this is a snapshot: a file from transaction 1 that holds every page.
   *
   * @return true for a snapshot
   */
  public boolean isSnapshot() {
    return minTxid == 1;
  }

  /**
   * Tells whether the file tracks the database checksum.
   *
   * @return false if {@link #FLAG_NO_CHECKSUM} is set
   */
  public boolean tracksChecksum() {
    return (flags & FLAG_NO_CHECKSUM) == 0;
  }

  /**
   * Returns SQLite's lock page for this page size (the page holding byte 2^30), which no LTX file
   * carries.
   *
   * @return the lock page's number
   */
  public long lockPage() {
    return 0x40000000L / pageSize + 1;
  }
}
