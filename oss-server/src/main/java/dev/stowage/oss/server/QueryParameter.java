package dev.stowage.oss.server;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A decoded query parameter; {@code value} is null for a bare name such as {@code ?uploads}. */
record QueryParameter(String name, String value) {
  static List<QueryParameter> parse(String rawQuery) {
    List<QueryParameter> parameters = new ArrayList<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      parameters.add(
          eq < 0
              ? new QueryParameter(decode(pair), null)
              : new QueryParameter(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1))));
    }
    return parameters;
  }

  /** Returns a parameter's value, "" for a bare name, or the fallback if it is absent. */
  static String value(List<QueryParameter> query, String name, String fallback) {
    for (QueryParameter parameter : query) {
      if (parameter.name().equals(name)) {
        return parameter.value() == null ? "" : parameter.value();
      }
    }
    return fallback;
  }

  /** Percent-decodes as UTF-8; a '+' stays a '+', as the OSS client never sends one for a space. */
  static String decode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
