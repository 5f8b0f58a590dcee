package dev.stowage.oss.server;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** The two date forms OSS writes: RFC 1123 in headers and ISO 8601 with milliseconds in XML. */
final class Dates {
  static final DateTimeFormatter RFC_1123 =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
          .withZone(ZoneOffset.UTC);
  static final DateTimeFormatter ISO =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Dates() {}

  static Instant parseRfc1123(String text) {
    try {
      return ZonedDateTime.parse(text.trim(), RFC_1123).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an RFC 1123 date: " + text);
    }
  }
}
