package dev.stowage.cli;

import dev.stowage.api.StorageProvider;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The secret values this process was given, so that nothing it writes holds one: the values of
 * {@code -o} options a provider marks secret, and of environment variables named like credentials
 * ({@code AWS_SECRET_ACCESS_KEY}, {@code OSS_SESSION_TOKEN}, ...). Values shorter than four
 * characters are not taken: masking them would garble ordinary text, and no credential is that
 * short.
 */
final class SecretValues {
  static final String MASK = "****";
  private static final int SHORTEST = 4;
  private static final List<String> CREDENTIAL_WORDS =
      List.of("SECRET", "TOKEN", "PASSWORD", "ACCESS_KEY", "_KEY_ID", "CREDENTIAL");

  private final Set<String> values = new CopyOnWriteArraySet<>();

  /** Takes the environment's credential variables. */
  static SecretValues fromEnvironment(Map<String, String> environment) {
    SecretValues secrets = new SecretValues();
    environment.forEach(
        (name, value) -> {
          String upper = name.toUpperCase(Locale.ROOT);
          if (CREDENTIAL_WORDS.stream().anyMatch(upper::contains)) {
            secrets.add(value);
          }
        });
    return secrets;
  }

  /** Takes the values of the options that one of the providers marks secret. */
  void addOptions(Map<String, String> options, Collection<StorageProvider> providers) {
    for (StorageProvider provider : providers) {
      Set<String> secretKeys = provider.secretKeys();
      options.forEach(
          (key, value) -> {
            if (secretKeys.contains(key)) {
              add(value);
            }
          });
    }
  }

  void add(String value) {
    if (value != null && value.length() >= SHORTEST) {
      values.add(value);
    }
  }

  /** The text with every secret value replaced by {@code ****}. */
  String mask(String text) {
    String masked = text;
    for (String value : values) {
      if (masked.contains(value)) {
        masked = masked.replace(value, MASK);
      }
    }
    return masked;
  }

  boolean isEmpty() {
    return values.isEmpty();
  }
}
