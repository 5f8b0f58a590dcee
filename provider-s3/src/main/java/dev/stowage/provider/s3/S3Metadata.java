package dev.stowage.provider.s3;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User metadata travels in HTTP headers, which carry ASCII only; S3 expects other text encoded as
 * RFC 2047 ({@code =?UTF-8?B?...?=}), as the AWS console and CLI write it. Values are encoded on
 * the way out and decoded on the way in, so any text round-trips.
 */
final class S3Metadata {
  private static final Pattern ENCODED =
      Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=", Pattern.CASE_INSENSITIVE);

  private S3Metadata() {}

  static Map<String, String> encode(Map<String, String> metadata) {
    Map<String, String> encoded = new LinkedHashMap<>();
    metadata.forEach(
        (name, value) ->
            encoded.put(
                name,
                needsEncoding(value)
                    ? "=?UTF-8?B?"
                        + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
                        + "?="
                    : value));
    return encoded;
  }

  static Map<String, String> decode(Map<String, String> metadata) {
    Map<String, String> decoded = new LinkedHashMap<>();
    metadata.forEach(
        (name, value) -> {
          Matcher matcher = ENCODED.matcher(value);
          String text = value;
          if (matcher.matches()) {
            try {
              text =
                  new String(Base64.getDecoder().decode(matcher.group(1)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
              text = value; // not ours; keep it as the server gave it
            }
          }
          decoded.put(name.toLowerCase(Locale.ROOT), text);
        });
    return decoded;
  }

  private static boolean needsEncoding(String value) {
    if (ENCODED.matcher(value).matches() || !value.equals(value.strip())) {
      return true; // keep look-alikes and edge whitespace intact
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return true;
      }
    }
    return false;
  }
}
