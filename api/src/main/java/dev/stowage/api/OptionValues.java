package dev.stowage.api;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forms of {@link ProviderConfig}'s typed options: each method reads one trimmed value or
 * throws a {@link MalformedValueException} saying the form it expected.
 */
final class OptionValues {
  private static final Pattern BYTE_SIZE =
      Pattern.compile(
          "(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib|t|tb|tib)?", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIMPLE_DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private OptionValues() {}

  /** A value not in the form its option takes; the message is the form, such as "true or false". */
  static final class MalformedValueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedValueException(String expected) {
      super(expected, null, false, false);
    }
  }

  static boolean bool(String text) {
    return switch (text.toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new MalformedValueException("true or false");
    };
  }

  static int integer(String text, int least) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new MalformedValueException("a decimal integer such as 16");
    }
    if (value < least) {
      throw new MalformedValueException("a decimal integer of at least " + least);
    }
    return value;
  }

  static <T> T choice(String text, Map<String, T> choices) {
    T value = choices.get(text.toLowerCase(Locale.ROOT));
    if (value == null) {
      List<String> words = List.copyOf(new TreeSet<>(choices.keySet()));
      throw new MalformedValueException(
          words.size() == 1
              ? words.get(0)
              : String.join(", ", words.subList(0, words.size() - 1))
                  + " or "
                  + words.get(words.size() - 1));
    }
    return value;
  }

  static long byteSize(String text) {
    Matcher size = BYTE_SIZE.matcher(text);
    if (!size.matches()) {
      throw new MalformedValueException("a size such as 8MiB, 512k or 1048576");
    }
    String unit = size.group(2) == null ? "b" : size.group(2).toLowerCase(Locale.ROOT);
    int shift = "bkmgt".indexOf(unit.charAt(0)) * 10;
    try {
      long number = Long.parseLong(size.group(1));
      if (shift > 0 && number > (Long.MAX_VALUE >> shift)) {
        throw new MalformedValueException("a size below 8 EiB");
      }
      return number << shift;
    } catch (NumberFormatException e) {
      throw new MalformedValueException("a size below 8 EiB");
    }
  }

  static Duration duration(String text) {
    Matcher simple = SIMPLE_DURATION.matcher(text);
    try {
      if (!simple.matches()) {
        return Duration.parse(text);
      }
      long amount = Long.parseLong(simple.group(1));
      return switch (simple.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> Duration.ofMillis(amount);
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
    } catch (ArithmeticException | NumberFormatException | DateTimeParseException e) {
      throw new MalformedValueException("a duration such as 500ms, 30s, 5m or PT1M30S");
    }
  }
}
