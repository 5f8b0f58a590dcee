package dev.stowage.replica;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Times in Go's RFC3339Nano form, as Litestream stores them in the {@code litestream-timestamp}
 * metadata: UTC, trailing zeros of the fraction trimmed and the dot dropped when it is zero ({@code
 * 2023-11-14T22:13:20.1Z}, where {@link Instant#toString()} gives {@code …20.100Z}).
 */
final class GoTime {
  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

  private GoTime() {}

  static String format(Instant time) {
    StringBuilder text = new StringBuilder(SECONDS.format(time));
    int nanos = time.getNano();
    if (nanos != 0) {
      String fraction = String.format("%09d", nanos);
      int end = fraction.length();
      while (fraction.charAt(end - 1) == '0') {
        end--;
      }
      text.append('.').append(fraction, 0, end);
    }
    return text.append('Z').toString();
  }

  /** Parses an RFC 3339 time with any fraction and offset; empty if it is not one. */
  static Optional<Instant> parse(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
