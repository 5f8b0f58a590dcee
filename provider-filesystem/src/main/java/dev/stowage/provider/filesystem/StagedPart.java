package dev.stowage.provider.filesystem;

import java.nio.file.Path;

/**
 * A part an upload holds: in its place in the upload's data file ({@link PartSlots}), or in a file
 * of its own.
 *
 * @param number the part's number
 * @param etag the part's tag: its CRC-32C and size
 * @param size the part's size in bytes
 * @param file the part's own file, or null if it is in its place
 */
record StagedPart(int number, String etag, long size, Path file) {
  boolean placed() {
    return file == null;
  }

  /** The part's CRC-32C, from its tag. */
  int crc32c() {
    return Integer.parseUnsignedInt(etag.substring(0, 8), 16);
  }
}
