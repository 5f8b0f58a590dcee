package dev.stowage.replica;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One LTX file of a replica, as a listing describes it: its compaction level, the transactions it
 * holds, its size and when it was written (Litestream's {@code ltx.FileInfo}).
 *
 * @param level the level, 0 to {@link #SNAPSHOT_LEVEL}
 * @param minTxid the first transaction, at least 1
 * @param maxTxid the last transaction, at least {@code minTxid}
 * @param size the file's size in bytes
 * @param createdAt the header's timestamp, or the store's last-modified time where the listing did
 *     not fetch it
 */
public record LtxFile(int level, long minTxid, long maxTxid, long size, Instant createdAt) {
  /** The level of snapshots, which hold every page of the database from transaction 1. */
  public static final int SNAPSHOT_LEVEL = 9;

  /** The highest level a layout can name. */
  public static final int MAX_LEVEL = 0xffff;

  private static final Pattern NAME = Pattern.compile("([0-9a-f]{16})-([0-9a-f]{16})\\.ltx");

  /**
   * Checks the values.
   *
   * @param level see the record description
   * @param minTxid see the record description
   * @param maxTxid see the record description
   * @param size see the record description
   * @param createdAt see the record description
   * @throws IllegalArgumentException if the level or range is not valid, or the size is negative
   */
  public LtxFile {
    requireValidRange(level, minTxid, maxTxid);
    if (size < 0) {
      throw new IllegalArgumentException("size is negative: " + size);
    }
    requireNonNull(createdAt, "createdAt is null");
  }

  /**
   * Returns the file's name in every layout, {@code %016x-%016x.ltx} of its transaction range.
   *
   * @return the name, such as {@code 0000000000000001-00000000000000ff.ltx}
   */
  public String name() {
    return name(minTxid, maxTxid);
  }

  /**
   * Returns the name of the file holding a transaction range.
   *
   * @param minTxid the first transaction
   * @param maxTxid the last transaction
   * @return the name
   */
  public static String name(long minTxid, long maxTxid) {
    return String.format(Locale.ROOT, "%016x-%016x.ltx", minTxid, maxTxid);
  }

  /**
   * Parses a file name. Upper-case digits, other lengths and names such as {@code .tmp} files do
   * not match, as in Litestream.
   *
   * @param name a base name
   * @return the range as {@code {min, max}}, or empty if it is not an LTX file name
   */
  static Optional<long[]> parseName(String name) {
    Matcher matcher = NAME.matcher(name);
    if (!matcher.matches()) {
      return Optional.empty();
    }
    long min = Long.parseUnsignedLong(matcher.group(1), 16);
    long max = Long.parseUnsignedLong(matcher.group(2), 16);
    if (min < 1 || max < min) { // a TXID past 2^63 - 1 is not a number we can hold
      return Optional.empty();
    }
    return Optional.of(new long[] {min, max});
  }

  /** Throws if a level or transaction range cannot name a file. */
  static void requireValidRange(int level, long minTxid, long maxTxid) {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException(
          "level " + level + " is out of range; levels are 0 to " + SNAPSHOT_LEVEL);
    }
    if (minTxid < 1 || maxTxid < minTxid) {
      throw new IllegalArgumentException(
          "the transaction range "
              + minTxid
              + "-"
              + maxTxid
              + " is not valid; it starts at 1 or more and does not end before it starts");
    }
  }
}
