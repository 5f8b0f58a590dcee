package dev.stowage.tck;

import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * Compares bytes read with the bytes expected and, where they differ, says how in a line: both
 * lengths, the first differing offset and a window of hex around it, never the megabytes of numbers
 * a plain equality assertion prints.
 */
final class ByteDifference {
  private static final int WINDOW = 8;

  private ByteDifference() {}

  /** Fails, saying where and how, unless the bytes read are the bytes expected. */
  static void assertSameBytes(byte[] read, byte[] expected, String what) {
    if (!Arrays.equals(read, expected)) {
      fail(describe(read, expected, what));
    }
  }

  static String describe(byte[] read, byte[] expected, String what) {
    int at = Arrays.mismatch(read, expected);
    int from = Math.max(0, at - WINDOW);
    return what
        + ": "
        + read.length
        + " bytes where "
        + expected.length
        + " were expected; the first difference is at byte "
        + at
        + ": expected "
        + hex(expected, from, at)
        + ", read "
        + hex(read, from, at)
        + " (from byte "
        + from
        + ")";
  }

  private static String hex(byte[] bytes, int from, int at) {
    if (from >= bytes.length) {
      return "(nothing)";
    }
    int to = Math.min(bytes.length, at + WINDOW + 1);
    HexFormat hex = HexFormat.of();
    String before = hex.formatHex(bytes, from, Math.min(at, bytes.length));
    String after = at < bytes.length ? "[" + hex.formatHex(bytes, at, to) + "]" : "[end]";
    return before + after;
  }
}
