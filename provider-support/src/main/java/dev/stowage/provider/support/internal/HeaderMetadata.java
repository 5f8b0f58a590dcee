package dev.stowage.provider.support.internal;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.Keys;
import dev.stowage.api.PermanentStorageException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * User metadata for providers that carry it in HTTP headers, which hold printable ASCII only (the
 * HTTP clients of the S3 and OSS SDKs mangle other bytes): a value that needs it is encoded as RFC
 * 2047 ({@code =?UTF-8?B?...?=}), as the AWS console and CLI write it, on the way out and decoded
 * on the way in, so any text round-trips.
 */
public final class HeaderMetadata {
  private static final Pattern ENCODED =
      Pattern.compile("=\\?UTF-8\\?B\\?([A-Za-z0-9+/=]*)\\?=", Pattern.CASE_INSENSITIVE);

  private HeaderMetadata() {}

  /**
   * Returns the metadata encoded as {@link #encode} does, refusing it if the encoded names and
   * values exceed the store's limit.
   *
   * @param metadata names and values as the caller gave them
   * @param maxBytes the store's limit in UTF-8 bytes of names plus values as sent
   * @param store the store's name for the message, such as {@code "S3"}
   * @param context the write's context
   * @return names and header-safe values, in the same order
   * @throws PermanentStorageException if the encoded metadata is too large
   */
  public static Map<String, String> encodeWithin(
      Map<String, String> metadata, int maxBytes, String store, ErrorContext context) {
    Map<String, String> encoded = encode(metadata);
    int bytes = 0;
    for (Map.Entry<String, String> entry : encoded.entrySet()) {
      bytes += Keys.utf8Length(entry.getKey()) + Keys.utf8Length(entry.getValue());
    }
    if (bytes > maxBytes) {
      throw new PermanentStorageException(
          context,
          "the user metadata is "
              + bytes
              + " bytes as sent, more than "
              + store
              + "'s limit of "
              + maxBytes
              + ". Store less metadata.");
    }
    return encoded;
  }

  /**
   * Returns the metadata with every value that is not plain printable ASCII encoded.
   *
   * @param metadata names and values as the caller gave them
   * @return names and header-safe values, in the same order
   */
  public static Map<String, String> encode(Map<String, String> metadata) {
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

  /**
   * Returns the metadata with encoded values decoded and names in lower case; a value that only
   * looks encoded is kept as the server gave it.
   *
   * @param metadata names and values as read from the headers
   * @return names in lower case and decoded values
   */
  public static Map<String, String> decode(Map<String, String> metadata) {
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
