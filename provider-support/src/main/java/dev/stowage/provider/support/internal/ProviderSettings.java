package dev.stowage.provider.support.internal;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.StorageLocation;
import java.net.URI;

/** Checks and forms that the settings of remote stores share. */
public final class ProviderSettings {
  private ProviderSettings() {}

  /**
   * Shows an access key id as its first and last four characters, such as {@code AKIA****MPLE}; a
   * short one not at all.
   *
   * @param accessKeyId the id
   * @return the masked id
   */
  public static String mask(String accessKeyId) {
    return accessKeyId.length() <= 8
        ? "****"
        : accessKeyId.substring(0, 4) + "****" + accessKeyId.substring(accessKeyId.length() - 4);
  }

  /**
   * Returns the prefix of every key under a location: its path, ending with {@code /} unless empty.
   *
   * @param location the location
   * @return the prefix
   */
  public static String keyPrefix(StorageLocation location) {
    String prefix = location.path();
    return prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
  }

  /**
   * Refuses a bucket name that does not match the store's rule.
   *
   * @param location the location naming the bucket
   * @param rule the names the store accepts, as a regular expression
   * @param described the rule in words, such as {@code "3 to 63 lower-case letters, digits and
   *     '-'"}
   * @param context the opening's context
   * @throws InvalidConfigException if the name breaks the rule
   */
  public static void requireBucketName(
      StorageLocation location, String rule, String described, ErrorContext context) {
    if (!location.bucket().matches(rule)) {
      throw new InvalidConfigException(
          context, "'" + location.bucket() + "' is not a valid bucket name: " + described + ".");
    }
  }

  /**
   * Refuses a plain-HTTP endpoint unless the user allowed it.
   *
   * @param endpoint the endpoint
   * @param allowed whether the user set the allowing option
   * @param option the allowing option's name, for the message
   * @param context the opening's context
   * @throws InvalidConfigException if the endpoint is plain HTTP and not allowed
   */
  public static void requireSecure(
      URI endpoint, boolean allowed, String option, ErrorContext context) {
    if ("http".equals(endpoint.getScheme()) && !allowed) {
      throw new InvalidConfigException(
          context,
          "the endpoint "
              + endpoint
              + " is plain HTTP, so credentials and data would travel unencrypted."
              + " Use https://, or set "
              + option
              + "=true for a trusted network.");
    }
  }
}
