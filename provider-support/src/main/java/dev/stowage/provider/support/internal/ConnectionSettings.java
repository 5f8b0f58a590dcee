package dev.stowage.provider.support.internal;

import dev.stowage.api.ConfigOption;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ProviderConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of a remote store's HTTP client that every provider has, under its scheme: {@code
 * SCHEME.max-connections}, {@code SCHEME.connection-timeout} and {@code
 * SCHEME.allow-insecure-http}, with one description, default and check.
 *
 * @param scheme the provider's scheme, the options' prefix
 * @param maxConnections the most connections open at once, at least 1
 * @param connectionTimeout the deadline to open a connection
 * @param allowInsecureHttp whether a plain-HTTP endpoint is accepted
 */
public record ConnectionSettings(
    String scheme, int maxConnections, Duration connectionTimeout, boolean allowInsecureHttp) {

  /**
   * Returns a provider's options: its own, then the connection options.
   *
   * @param scheme the provider's scheme
   * @param own the provider's own options
   * @return the options, as the provider lists them
   */
  public static List<ConfigOption> options(String scheme, ConfigOption... own) {
    List<ConfigOption> all = new ArrayList<>(List.of(own));
    all.addAll(
        List.of(
            ConfigOption.of(
                scheme + ".max-connections", "Most HTTP connections open at once", "64"),
            ConfigOption.of(scheme + ".connection-timeout", "Deadline to open a connection", "10s"),
            ConfigOption.of(
                scheme + ".allow-insecure-http",
                "Accept an http:// endpoint (credentials and data travel unencrypted)",
                "false")));
    return List.copyOf(all);
  }

  /**
   * Reads the options.
   *
   * @param scheme the provider's scheme
   * @param config the options given
   * @return the settings
   * @throws dev.stowage.api.InvalidConfigException if a value is malformed or out of range
   */
  public static ConnectionSettings parse(String scheme, ProviderConfig config) {
    return new ConnectionSettings(
        scheme,
        config.integer(scheme + ".max-connections", 64, 1),
        config.duration(scheme + ".connection-timeout", Duration.ofSeconds(10)),
        config.bool(scheme + ".allow-insecure-http", false));
  }

  /**
   * Refuses a plain-HTTP endpoint unless the user allowed it.
   *
   * @param endpoint the endpoint
   * @param context the opening's context
   * @throws dev.stowage.api.InvalidConfigException if the endpoint is plain HTTP and not allowed
   */
  public void requireSecure(URI endpoint, ErrorContext context) {
    ProviderSettings.requireSecure(
        endpoint, allowInsecureHttp, scheme + ".allow-insecure-http", context);
  }
}
