package dev.stowage.api;

import java.util.Comparator;
import java.util.Optional;

/**
 * The key rules every store enforces, so that all providers accept and refuse the same keys, and
 * the order in which listings return keys.
 *
 * <p>A valid key:
 *
 * <ul>
 *   <li>is 1 to {@link Capabilities#maxKeyBytes()} bytes long in UTF-8, and is well-formed UTF-16
 *       (no lone surrogate);
 *   <li>holds no control character (U+0000 to U+001F, U+007F) and no backslash;
 *   <li>is a sequence of segments separated by {@code /}, none of them empty (so no leading,
 *       trailing or doubled {@code /}) and none of them {@code .} or {@code ..}.
 * </ul>
 *
 * <p>A store that declares {@link Capability#LEADING_SLASH_KEYS} also takes keys and prefixes that
 * start with one {@code /}, the rest following the rules above.
 *
 * <p>Everything else round-trips byte-exactly: spaces, {@code + % ? # & = ~}, quotes, any Unicode
 * letter including 4-byte UTF-8, with no normalisation (NFC and NFD spellings are distinct keys).
 */
public final class Keys {
  /**
   * Orders keys by their UTF-8 bytes, the order of every listing. This is code-point order, which
   * differs from {@link String#compareTo} for characters outside the Basic Multilingual Plane.
   */
  public static final Comparator<String> UTF8_ORDER = Keys::compareUtf8;

  private Keys() {}

  /**
   * Checks a key against the rules above.
   *
   * @param key the key
   * @param maxKeyBytes the store's maximum key length in UTF-8 bytes
   * @return what is wrong with the key, or empty if it is valid
   */
  public static Optional<String> problem(String key, int maxKeyBytes) {
    if (key.isEmpty()) {
      return Optional.of("the key is empty");
    }
    Optional<String> characters = characterProblem(key);
    if (characters.isPresent()) {
      return characters;
    }
    Optional<String> length = tooLong(key, maxKeyBytes);
    if (length.isPresent()) {
      return length;
    }
    if (key.startsWith("/")) {
      return Optional.of("the key starts with '/'; keys are relative to the location");
    }
    if (key.endsWith("/")) {
      return Optional.of("the key ends with '/'; an object key names a file, not a directory");
    }
    for (String segment : key.split("/", -1)) {
      if (segment.isEmpty()) {
        return Optional.of("the key has an empty segment ('//')");
      }
      if (segment.equals(".") || segment.equals("..")) {
        return Optional.of("the key has a '" + segment + "' segment, which is not allowed");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> tooLong(String key, int maxKeyBytes) {
    int bytes = utf8Length(key);
    return bytes > maxKeyBytes
        ? Optional.of(
            "the key is "
                + bytes
                + " bytes in UTF-8, more than this store's maximum of "
                + maxKeyBytes)
        : Optional.empty();
  }

  /**
   * Checks a listing prefix: it may be empty or end with {@code /}, but must otherwise hold only
   * characters a key may hold.
   *
   * @param prefix the prefix
   * @return what is wrong with the prefix, or empty if it is valid
   */
  public static Optional<String> prefixProblem(String prefix) {
    if (prefix.startsWith("/")) {
      return Optional.of("the prefix starts with '/'; prefixes are relative to the location");
    }
    return characterProblem(prefix);
  }

  /**
   * Throws {@link InvalidKeyException} unless the key is valid for a store: at most its {@link
   * Capabilities#maxKeyBytes()} long and, if it declares {@link Capability#LEADING_SLASH_KEYS},
   * perhaps starting with one {@code /}.
   *
   * @param key the key
   * @param capabilities what the store declares
   * @param context where the key was given; the key is added to it
   * @return the key
   * @throws InvalidKeyException if the key breaks a rule
   */
  public static String requireValid(String key, Capabilities capabilities, ErrorContext context) {
    boolean slash = capabilities.supports(Capability.LEADING_SLASH_KEYS) && key.startsWith("/");
    if (!slash) {
      return requireValid(key, capabilities.maxKeyBytes(), context);
    }
    Optional<String> problem =
        problem(key.substring(1), Integer.MAX_VALUE)
            .map(p -> "after its leading '/', " + p.replaceFirst("^the key ", "the rest "))
            .or(() -> tooLong(key, capabilities.maxKeyBytes()));
    return refuseIfAny(key, problem, context);
  }

  /**
   * Throws {@link InvalidKeyException} unless the listing prefix is valid for a store: one that
   * declares {@link Capability#LEADING_SLASH_KEYS} takes a prefix that starts with one {@code /}.
   *
   * @param prefix the prefix
   * @param capabilities what the store declares
   * @param context where the prefix was given; the prefix is added to it
   * @return the prefix
   * @throws InvalidKeyException if the prefix breaks a rule
   */
  public static String requireValidPrefix(
      String prefix, Capabilities capabilities, ErrorContext context) {
    boolean slash = capabilities.supports(Capability.LEADING_SLASH_KEYS) && prefix.startsWith("/");
    Optional<String> problem = prefixProblem(slash ? prefix.substring(1) : prefix);
    if (problem.isPresent()) {
      throw new InvalidKeyException(context.withKey(printable(prefix)), problem.get() + ".");
    }
    return prefix;
  }

  /**
   * Throws {@link InvalidKeyException} unless the key is valid.
   *
   * @param key the key
   * @param maxKeyBytes the store's maximum key length in UTF-8 bytes
   * @param context where the key was given; the key is added to it
   * @return the key
   * @throws InvalidKeyException if the key breaks a rule
   */
  public static String requireValid(String key, int maxKeyBytes, ErrorContext context) {
    return refuseIfAny(key, problem(key, maxKeyBytes), context);
  }

  private static String refuseIfAny(String key, Optional<String> problem, ErrorContext context) {
    if (problem.isPresent()) {
      throw new InvalidKeyException(
          context.withKey(printable(key)),
          problem.get() + ". Choose a key that follows the rules of dev.stowage.api.Keys.");
    }
    return key;
  }

  /**
   * Throws {@link InvalidKeyException} unless the listing prefix is valid.
   *
   * @param prefix the prefix
   * @param context where the prefix was given; the prefix is added to it
   * @return the prefix
   * @throws InvalidKeyException if the prefix holds characters no key may hold
   */
  public static String requireValidPrefix(String prefix, ErrorContext context) {
    Optional<String> problem = prefixProblem(prefix);
    if (problem.isPresent()) {
      throw new InvalidKeyException(context.withKey(printable(prefix)), problem.get() + ".");
    }
    return prefix;
  }

  /**
   * Returns the length of a string in UTF-8 bytes, without encoding it.
   *
   * @param text the string
   * @return its UTF-8 length; a lone surrogate counts as the 3 bytes of its replacement
   */
  public static int utf8Length(String text) {
    int bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  /**
   * Returns the key with control characters escaped as {@code \\uXXXX}, for messages.
   *
   * @param key the key
   * @return the printable form
   */
  public static String printable(String key) {
    StringBuilder text = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogateAt(key, i)) {
        text.append(String.format("\\u%04x", (int) c));
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  private static boolean validSurrogateAt(String text, int i) {
    char c = text.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(text.charAt(i - 1));
  }

  private static Optional<String> characterProblem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        return Optional.of(String.format("it holds the control character U+%04X", (int) c));
      }
      if (c == '\\') {
        return Optional.of("it holds a backslash; use '/' to separate segments");
      }
      if (Character.isSurrogate(c) && !validSurrogateAt(text, i)) {
        return Optional.of("it is not valid Unicode (a lone surrogate at index " + i + ")");
      }
    }
    return Optional.empty();
  }

  private static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
