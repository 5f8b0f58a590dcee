package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The options a store is opened with: an immutable map of string keys (such as {@code file.fsync})
 * to string values, with typed getters that fail with an {@link InvalidConfigException} naming the
 * key and the accepted form.
 *
 * <p>{@link #toString()} masks the values of secret keys: those named by {@link
 * #withSecretKeys(Collection)} and those whose name suggests a secret (it holds a word such as
 * {@code secret}, {@code password} or {@code token}), as {@link StorageLocation#toString()} masks
 * such parameters.
 */
public final class ProviderConfig {
  private static final ProviderConfig EMPTY = new ProviderConfig(Map.of(), Set.of());

  private final Map<String, String> values;
  private final Set<String> secretKeys;

  private ProviderConfig(Map<String, String> values, Set<String> secretKeys) {
    this.values = Map.copyOf(values);
    this.secretKeys = Set.copyOf(secretKeys);
  }

  /**
   * Returns a configuration with no option set.
   *
   * @return the empty configuration
   */
  public static ProviderConfig empty() {
    return EMPTY;
  }

  /**
   * Returns a configuration holding these options.
   *
   * @param values option keys to values; neither may be null
   * @return the configuration
   */
  public static ProviderConfig of(Map<String, String> values) {
    return new ProviderConfig(values, Set.of());
  }

  /**
   * Returns a copy that also masks these keys in {@link #toString()}.
   *
   * @param keys keys whose values are secrets
   * @return the new configuration
   */
  public ProviderConfig withSecretKeys(Collection<String> keys) {
    Set<String> all = new HashSet<>(secretKeys);
    all.addAll(keys);
    return new ProviderConfig(values, all);
  }

  /**
   * Returns a copy in which each parameter of the location, such as {@code ?region=x}, is set as
   * the option {@code <scheme>.<name>} (here {@code s3.region}); a location parameter overrides an
   * option of the same key, being the more specific of the two.
   *
   * <p>A parameter that would set a secret (a key of {@link #withSecretKeys}, or one whose name
   * suggests a secret) is refused: a location lives on in shell history, process lists and logs.
   *
   * @param location the location whose parameters to merge
   * @return the merged configuration
   * @throws InvalidConfigException if the location carries a secret in its query string
   */
  public ProviderConfig withLocationParameters(StorageLocation location) {
    Map<String, String> merged = new LinkedHashMap<>(values);
    location
        .parameters()
        .forEach(
            (name, value) -> {
              String key = location.scheme() + "." + name;
              if (isSecret(key)) {
                throw new InvalidConfigException(
                    ErrorContext.of(
                        StorageOperation.OPEN,
                        location.toString(
                            parameter -> isSecret(location.scheme() + "." + parameter))),
                    "the location carries the secret '"
                        + name
                        + "' in its query string, which shell history, process lists and logs"
                        + " keep. Remove it; give the option "
                        + key
                        + " instead (stowage -o), or the credentials through the environment or"
                        + " the provider's credentials file.");
              }
              merged.put(key, value);
            });
    return new ProviderConfig(merged, secretKeys);
  }

  /**
   * Fails unless every key that starts with {@code <scheme>.} is one of the known keys, so a
   * misspelt option is an error instead of being silently ignored. Keys of other schemes are
   * allowed, since one option set may serve several stores.
   *
   * @param scheme the provider's scheme
   * @param options the options the provider understands
   * @param location the location being opened, for the message
   * @throws InvalidConfigException naming the unknown keys and listing the known ones
   */
  public void requireKnownKeys(
      String scheme, Collection<ConfigOption> options, StorageLocation location) {
    Set<String> known = new TreeSet<>();
    options.forEach(option -> known.add(option.key()));
    Set<String> unknown = new TreeSet<>();
    for (String key : values.keySet()) {
      if (key.startsWith(scheme + ".") && !known.contains(key)) {
        unknown.add(key);
      }
    }
    if (!unknown.isEmpty()) {
      throw new InvalidConfigException(
          ErrorContext.of(StorageOperation.OPEN, location),
          "unknown option"
              + (unknown.size() == 1 ? " " : "s ")
              + String.join(", ", unknown)
              + ". Known options for '"
              + scheme
              + "': "
              + String.join(", ", known)
              + ".");
    }
  }

  /**
   * Returns the keys that are set.
   *
   * @return the keys
   */
  public Set<String> keys() {
    return values.keySet();
  }

  /**
   * Returns an option's raw value.
   *
   * @param key the key
   * @return the value, if set
   */
  public Optional<String> string(String key) {
    return Optional.ofNullable(values.get(requireNonNull(key, "key is null")));
  }

  /**
   * Returns an option's raw value, or a default.
   *
   * @param key the key
   * @param defaultValue the value if the option is not set
   * @return the value
   */
  public String string(String key, String defaultValue) {
    return string(key).orElse(defaultValue);
  }

  /**
   * Returns an option's raw value, or the default it declares.
   *
   * @param option the option
   * @return the value, if set or declared
   */
  public Optional<String> string(ConfigOption option) {
    return string(option.key()).or(option::defaultValue);
  }

  /**
   * Returns a boolean option: {@code true} or {@code false}, in any case.
   *
   * @param key the key
   * @param defaultValue the value if the option is not set
   * @return the value
   * @throws InvalidConfigException if the value is neither
   */
  public boolean bool(String key, boolean defaultValue) {
    return string(key).map(text -> parse(key, text, OptionValues::bool)).orElse(defaultValue);
  }

  /**
   * Returns a boolean option, or the default it declares, as {@link #bool(String, boolean)} reads
   * it.
   *
   * @param option the option, with a default
   * @return the value
   * @throws InvalidConfigException if the value is neither {@code true} nor {@code false}
   */
  public boolean bool(ConfigOption option) {
    return parse(option.key(), declared(option), OptionValues::bool);
  }

  /**
   * Returns an integer option.
   *
   * @param key the key
   * @param defaultValue the value if the option is not set
   * @return the value
   * @throws InvalidConfigException if the value is not a decimal integer
   */
  public int integer(String key, int defaultValue) {
    return integer(key, defaultValue, Integer.MIN_VALUE);
  }

  /**
   * Returns an integer option that may not be below a least value.
   *
   * @param key the key
   * @param defaultValue the value if the option is not set
   * @param least the smallest value accepted
   * @return the value
   * @throws InvalidConfigException if the value is not a decimal integer, or below {@code least}
   */
  public int integer(String key, int defaultValue, int least) {
    return string(key)
        .map(text -> parse(key, text, word -> OptionValues.integer(word, least)))
        .orElse(defaultValue);
  }

  /**
   * Returns an integer option, or the default it declares, that may not be below a least value.
   *
   * @param option the option, with a default
   * @param least the smallest value accepted
   * @return the value
   * @throws InvalidConfigException if the value is not a decimal integer, or below {@code least}
   */
  public int integer(ConfigOption option, int least) {
    return parse(option.key(), declared(option), word -> OptionValues.integer(word, least));
  }

  /**
   * Returns the value an option names among a fixed set of words, in any case.
   *
   * @param <T> what the words stand for
   * @param key the key
   * @param defaultWord the word if the option is not set, one of {@code choices}
   * @param choices each word accepted, lower-case, with what it stands for
   * @return what the option's word stands for
   * @throws InvalidConfigException if the value is none of the words
   */
  public <T> T choice(String key, String defaultWord, Map<String, T> choices) {
    return parse(key, string(key, defaultWord), word -> OptionValues.choice(word, choices));
  }

  /**
   * Returns the value an option, or the default word it declares, names among a fixed set of words,
   * as {@link #choice(String, String, Map)} reads it.
   *
   * @param <T> what the words stand for
   * @param option the option, with a default that is one of {@code choices}
   * @param choices each word accepted, lower-case, with what it stands for
   * @return what the word stands for
   * @throws InvalidConfigException if the value is none of the words
   */
  public <T> T choice(ConfigOption option, Map<String, T> choices) {
    return parse(option.key(), declared(option), word -> OptionValues.choice(word, choices));
  }

  /**
   * Returns a size option in bytes: a number with an optional unit, {@code b}, {@code k}/{@code
   * kib}, {@code m}/{@code mib}, {@code g}/{@code gib} or {@code t}/{@code tib} (all powers of
   * 1024; {@code kb}, {@code mb}... are accepted as the same).
   *
   * @param key the key
   * @param defaultValue the value if the option is not set
   * @return the value in bytes
   * @throws InvalidConfigException if the value is not such a size
   */
  public long byteSize(String key, long defaultValue) {
    return string(key).map(text -> parse(key, text, OptionValues::byteSize)).orElse(defaultValue);
  }

  /**
   * Returns a duration option: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, or
   * an ISO-8601 duration such as {@code PT1M30S}.
   *
   * @param key the key
   * @param defaultValue the value if the option is not set
   * @return the value
   * @throws InvalidConfigException if the value is not such a duration
   */
  public Duration duration(String key, Duration defaultValue) {
    return string(key).map(text -> parse(key, text, OptionValues::duration)).orElse(defaultValue);
  }

  /**
   * Returns a duration option, or the default it declares, as {@link #duration(String, Duration)}
   * reads it.
   *
   * @param option the option, with a default
   * @return the value
   * @throws InvalidConfigException if the value is not a duration
   */
  public Duration duration(ConfigOption option) {
    return parse(option.key(), declared(option), OptionValues::duration);
  }

  /** The option's value, or the default it declares. */
  private String declared(ConfigOption option) {
    return string(option)
        .orElseThrow(
            () -> new IllegalArgumentException(option.key() + " declares no default value"));
  }

  private <T> T parse(String key, String text, Function<String, T> parser) {
    try {
      return parser.apply(text.trim());
    } catch (OptionValues.MalformedValueException e) {
      throw malformed(key, text, e.getMessage());
    }
  }

  private InvalidConfigException malformed(String key, String text, String expected) {
    String shown = isSecret(key) ? "****" : "'" + text + "'";
    return new InvalidConfigException(
        ErrorContext.of(StorageOperation.OPEN, "option " + key),
        "the value " + shown + " is not valid. Expected " + expected + ".");
  }

  private boolean isSecret(String key) {
    return secretKeys.contains(key) || StorageLocation.isSensitiveName(key);
  }

  /**
   * Returns the options with secret values shown as {@code ****}.
   *
   * @return the options as text, safe to print and log
   */
  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    values.forEach((key, value) -> shown.put(key, isSecret(key) ? "****" : value));
    return "ProviderConfig" + shown;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ProviderConfig that && values.equals(that.values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }
}
