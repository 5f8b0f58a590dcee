package dev.stowage.provider.support.internal;

import dev.stowage.api.ConfigOption;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the settings of every remote store hold beside their own: the location's bucket and key
 * prefix, the addressing style, static keys if given, and the HTTP client's connection options.
 * {@link Options} declares and reads them under a provider's scheme.
 *
 * @param bucket the bucket, its name checked
 * @param prefix the prefix of every key, ending with {@code /} unless empty
 * @param pathStyle whether buckets are addressed as {@code https://endpoint/bucket}
 * @param keys the static keys given as options, if any
 * @param connection the connection options
 */
public record RemoteSettings(
    String bucket,
    String prefix,
    boolean pathStyle,
    Optional<StaticKeys> keys,
    ConnectionSettings connection) {

  /**
   * The options every remote store shares, declared under a provider's scheme.
   *
   * @param scheme the provider's scheme, the options' prefix
   * @param secretOption the full name of the secret key's option, which differs between stores
   * @param defaultCredentials where credentials come from when no static keys are given
   * @param bucketRule the bucket names the store accepts, as a regular expression
   * @param bucketRuleInWords the rule in words, for the message refusing a name
   */
  public record Options(
      String scheme,
      String secretOption,
      String defaultCredentials,
      String bucketRule,
      String bucketRuleInWords) {

    /**
     * Returns a provider's options: its own, then the path style, the keys and the connection.
     *
     * @param own the provider's own options
     * @return every option the provider takes
     */
    public List<ConfigOption> with(ConfigOption... own) {
      List<ConfigOption> all = new ArrayList<>(List.of(own));
      all.add(pathStyle());
      all.add(
          ConfigOption.secret(
              StaticKeys.idOption(scheme),
              "Static access key id, with " + secretOption + "; default: " + defaultCredentials));
      all.add(
          ConfigOption.secret(
              secretOption, "Static secret key, with " + StaticKeys.idOption(scheme)));
      all.add(
          ConfigOption.secret(
              StaticKeys.tokenOption(scheme),
              "Session (STS) token of temporary static credentials, with the static keys"));
      return ConnectionSettings.options(scheme, all.toArray(ConfigOption[]::new));
    }

    private ConfigOption pathStyle() {
      return ConfigOption.of(
          scheme + ".path-style",
          "Address buckets as https://endpoint/bucket instead of https://bucket.endpoint"
              + " (true or false)",
          "false");
    }

    /**
     * Checks every option's key, then reads the shared ones and the location's bucket.
     *
     * @param location the location being opened
     * @param config the options given
     * @param all every option the provider takes, as {@link #with} listed them
     * @return the shared settings
     * @throws dev.stowage.api.InvalidConfigException naming an unknown option, a malformed value,
     *     an incomplete set of keys or a bucket name the store refuses
     */
    public RemoteSettings parse(
        StorageLocation location, ProviderConfig config, List<ConfigOption> all) {
      config.requireKnownKeys(scheme, all, location);
      ErrorContext context = ErrorContext.of(StorageOperation.OPEN, location);
      ProviderSettings.requireBucketName(location, bucketRule, bucketRuleInWords, context);
      return new RemoteSettings(
          location.bucket(),
          ProviderSettings.keyPrefix(location),
          config.bool(pathStyle()),
          StaticKeys.parse(scheme, secretOption, defaultCredentials, config, context),
          ConnectionSettings.parse(scheme, config));
    }
  }
}
