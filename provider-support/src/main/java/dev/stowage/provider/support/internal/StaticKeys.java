package dev.stowage.provider.support.internal;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ProviderConfig;
import java.util.Optional;

/**
 * Static credentials given as options: an access key id with its secret and, for temporary
 * credentials, a session token. {@link #toString()} shows the id masked and nothing of the secret
 * or the token.
 *
 * @param accessKeyId the access key id
 * @param secret the secret that goes with it
 * @param sessionToken the session token of temporary credentials, if given
 */
public record StaticKeys(String accessKeyId, String secret, Optional<String> sessionToken) {

  /** Checks that no part is missing. */
  public StaticKeys {
    requireNonNull(accessKeyId, "accessKeyId is null");
    requireNonNull(secret, "secret is null");
    requireNonNull(sessionToken, "sessionToken is null");
  }

  /**
   * Reads static credentials from the options under {@code SCHEME.access-key-id}, the secret's
   * option and {@code SCHEME.session-token}.
   *
   * @param scheme the provider's scheme, the options' prefix
   * @param secretOption the full name of the secret's option, which differs between stores
   * @param otherwise where credentials come from when none are given, for the message
   * @param config the options given
   * @param context the opening's context
   * @return the credentials, or empty when none are given
   * @throws InvalidConfigException if the id is given without the secret or the other way round, or
   *     a session token without both
   */
  public static Optional<StaticKeys> parse(
      String scheme,
      String secretOption,
      String otherwise,
      ProviderConfig config,
      ErrorContext context) {
    String idOption = idOption(scheme);
    Optional<String> id = config.string(idOption);
    Optional<String> secret = config.string(secretOption);
    Optional<String> token = config.string(tokenOption(scheme));
    if (id.isPresent() != secret.isPresent()) {
      throw new InvalidConfigException(
          context,
          "set both "
              + idOption
              + " and "
              + secretOption
              + ", or neither to use "
              + otherwise
              + ".");
    }
    if (id.isEmpty()) {
      if (token.isPresent()) {
        throw new InvalidConfigException(
            context,
            tokenOption(scheme) + " needs " + idOption + " and " + secretOption + " beside it.");
      }
      return Optional.empty();
    }
    return Optional.of(new StaticKeys(id.get(), secret.get(), token));
  }

  /**
   * Returns the name of the access key id's option.
   *
   * @param scheme the provider's scheme
   * @return {@code SCHEME.access-key-id}
   */
  public static String idOption(String scheme) {
    return scheme + ".access-key-id";
  }

  /**
   * Returns the name of the session token's option.
   *
   * @param scheme the provider's scheme
   * @return {@code SCHEME.session-token}
   */
  public static String tokenOption(String scheme) {
    return scheme + ".session-token";
  }

  @Override
  public String toString() {
    return "static "
        + ProviderSettings.mask(accessKeyId)
        + (sessionToken.isPresent() ? " with session token" : "");
  }
}
