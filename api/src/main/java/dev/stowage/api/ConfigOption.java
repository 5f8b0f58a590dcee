package dev.stowage.api;

import static java.util.Objects.requireNonNull;

import java.util.Objects;
import java.util.Optional;

/**
 * One configuration key a provider understands, as {@code stowage providers} lists it. Immutable.
 */
public final class ConfigOption {
  private final String key;
  private final String description;
  private final String defaultValue;
  private final boolean secret;

  private ConfigOption(String key, String description, String defaultValue, boolean secret) {
    this.key = requireNonNull(key, "key is null");
    this.description = requireNonNull(description, "description is null");
    this.defaultValue = defaultValue;
    this.secret = secret;
    if (key.isBlank()) {
      throw new IllegalArgumentException("key is blank");
    }
  }

  /**
   * Returns an option with no default.
   *
   * @param key the key, such as {@code s3.region}
   * @param description one line: what it does and the accepted form
   * @return the option
   */
  public static ConfigOption of(String key, String description) {
    return new ConfigOption(key, description, null, false);
  }

  /**
   * Returns an option with a default value.
   *
   * @param key the key
   * @param description one line: what it does and the accepted form
   * @param defaultValue the value used when the option is not set
   * @return the option
   */
  public static ConfigOption of(String key, String description, String defaultValue) {
    return new ConfigOption(
        key, description, requireNonNull(defaultValue, "defaultValue is null"), false);
  }

  /**
   * Returns an option whose value is a secret: masked in every {@code toString()} and message.
   *
   * @param key the key
   * @param description one line: what it does
   * @return the option
   */
  public static ConfigOption secret(String key, String description) {
    return new ConfigOption(key, description, null, true);
  }

  /**
   * Returns the key.
   *
   * @return the key
   */
  public String key() {
    return key;
  }

  /**
   * Returns the one-line description.
   *
   * @return the description
   */
  public String description() {
    return description;
  }

  /**
   * Returns the default value, if the option has one.
   *
   * @return the default
   */
  public Optional<String> defaultValue() {
    return Optional.ofNullable(defaultValue);
  }

  /**
   * Returns whether the value is a secret.
   *
   * @return true for secrets
   */
  public boolean isSecret() {
    return secret;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ConfigOption that
        && key.equals(that.key)
        && description.equals(that.description)
        && Objects.equals(defaultValue, that.defaultValue)
        && secret == that.secret;
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, description, defaultValue, secret);
  }

  @Override
  public String toString() {
    return key
        + (secret ? " (secret)" : defaultValue == null ? "" : " (default " + defaultValue + ")");
  }
}
