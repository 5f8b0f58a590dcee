package dev.stowage.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Byte counts for people: printed in binary units, parsed from {@code 8MiB}, {@code 512k}. */
final class Sizes {
  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b?)", Pattern.CASE_INSENSITIVE);

  private Sizes() {}

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** Parses a size option: a number of bytes, or with k, M, G or T (binary multiples). */
  static final class Converter implements CommandLine.ITypeConverter<Long> {
    @Override
    public Long convert(String text) {
      Matcher matcher = SIZE.matcher(text.trim());
      if (!matcher.matches()) {
        throw new CommandLine.TypeConversionException(
            "'" + text + "' is not a size; write it as 8MiB, 512k or 1048576");
      }
      int shift =
          switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
          };
      try {
        long number = Long.parseLong(matcher.group(1));
        if (number > (Long.MAX_VALUE >> shift)) {
          throw new NumberFormatException();
        }
        return number << shift;
      } catch (NumberFormatException e) {
        throw new CommandLine.TypeConversionException("'" + text + "' is too large");
      }
    }
  }
}
