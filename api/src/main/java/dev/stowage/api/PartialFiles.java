package dev.stowage.api;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * The names of files written beside their target until they are complete, shared by every part of
 * Stowage that writes local files (a download, a plain folder's writes, a restore) and by the sweep
 * that removes what a kill left: {@code .NAME.stowage-UUID.part} for a file of one run, and {@code
 * .NAME.stowage} followed by {@code .part}, {@code .ranges} or {@code .lock} for a download a later
 * run may continue. A long NAME is shortened, with a checksum of the whole name, so that the
 * partial file's name stays within the 255 bytes file systems allow whatever the target's name.
 */
public final class PartialFiles {
  /** What every partial file's name has after its NAME. */
  public static final String MARK = ".stowage";

  /** The most UTF-8 bytes of the target's name a partial file's name keeps as it is. */
  static final int NAME_BYTES = 160;

  private static final Pattern SINGLE_USE =
      Pattern.compile(
          "\\..+"
              + Pattern.quote(MARK)
              + "-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\.part");

  private static final Pattern RESUMABLE =
      Pattern.compile("\\..+" + Pattern.quote(MARK) + "\\.(part|ranges|lock)");

  private PartialFiles() {}

  /**
   * The name every partial file of a target starts with: {@code .NAME.stowage}.
   *
   * @param target the file being written
   * @return the name's start, without a suffix
   */
  public static String base(Path target) {
    return "." + shortened(String.valueOf(target.getFileName())) + MARK;
  }

  /**
   * A new partial file for one run's write of a target, beside it: {@code .NAME.stowage-UUID.part}.
   *
   * @param target the file being written
   * @return the partial file's path; nothing is created
   */
  public static Path singleUse(Path target) {
    return target.resolveSibling(base(target) + "-" + UUID.randomUUID() + ".part");
  }

  /**
   * Tells whether a file's name is that of a partial file of one run.
   *
   * @param name a file's name
   * @return true for {@code .NAME.stowage-UUID.part}
   */
  public static boolean isSingleUse(String name) {
    return SINGLE_USE.matcher(name).matches();
  }

  /**
   * Tells whether a file's name is that of any partial file: of one run, or of a download a later
   * run may continue. Walks and listings leave such files out.
   *
   * @param name a file's name
   * @return true for the names this class gives
   */
  public static boolean isPartial(String name) {
    return isSingleUse(name) || RESUMABLE.matcher(name).matches();
  }

  private static String shortened(String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= NAME_BYTES) {
      return name;
    }
    StringBuilder kept = new StringBuilder();
    int used = 0;
    for (int i = 0; i < name.length(); ) {
      int codePoint = name.codePointAt(i);
      int length = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (used + length > NAME_BYTES - 9) {
        break;
      }
      kept.appendCodePoint(codePoint);
      used += length;
      i += Character.charCount(codePoint);
    }
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return kept.append('~').append(String.format("%08x", crc.getValue())).toString();
  }
}
