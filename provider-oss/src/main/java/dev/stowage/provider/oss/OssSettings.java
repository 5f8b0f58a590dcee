package dev.stowage.provider.oss;

import dev.stowage.api.ConfigOption;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.provider.support.internal.ConnectionSettings;
import dev.stowage.provider.support.internal.ProviderSettings;
import dev.stowage.provider.support.internal.StaticKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The OSS provider's options, parsed and checked once, before any I/O. */
record OssSettings(
    String bucket,
    String prefix,
    String region,
    URI endpoint,
    boolean pathStyle,
    Optional<StaticKeys> keys,
    boolean signatureV4,
    int maxErrorRetry,
    ConnectionSettings connection,
    Duration socketTimeout) {

  static final String REGION = "oss.region";
  static final String ENDPOINT = "oss.endpoint";
  static final String PATH_STYLE = "oss.path-style";
  static final String ACCESS_KEY_ID = StaticKeys.idOption("oss");
  static final String ACCESS_KEY_SECRET = "oss.access-key-secret";
  static final String SESSION_TOKEN = StaticKeys.tokenOption("oss");
  static final String SIGNATURE_VERSION = "oss.signature-version";
  static final String MAX_ERROR_RETRY = "oss.max-error-retry";
  static final String SOCKET_TIMEOUT = "oss.socket-timeout";

  static final String DEFAULT_REGION = "cn-hangzhou";

  static final List<ConfigOption> OPTIONS =
      ConnectionSettings.options(
          "oss",
          ConfigOption.of(
              REGION, "OSS region such as cn-hangzhou or ap-southeast-1", DEFAULT_REGION),
          ConfigOption.of(
              ENDPOINT,
              "Endpoint such as oss-cn-hangzhou-internal.aliyuncs.com (https:// is added); default: the region's public endpoint"),
          ConfigOption.of(
              PATH_STYLE,
              "Address buckets as https://endpoint/bucket (second-level domain) instead of https://bucket.endpoint",
              "false"),
          ConfigOption.secret(
              ACCESS_KEY_ID,
              "Static AccessKey id; default: OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and OSS_SESSION_TOKEN from the environment"),
          ConfigOption.secret(ACCESS_KEY_SECRET, "Static AccessKey secret, with oss.access-key-id"),
          ConfigOption.secret(SESSION_TOKEN, "STS security token of temporary static credentials"),
          ConfigOption.of(SIGNATURE_VERSION, "Request signing: v4 or v1", "v4"),
          ConfigOption.of(
              MAX_ERROR_RETRY,
              "Retries of a request by the SDK on network errors and HTTP 500/502/503",
              "3"),
          ConfigOption.of(SOCKET_TIMEOUT, "Longest wait for data on an open connection", "60s"));

  @Override
  public String toString() {
    return "OssSettings[bucket="
        + bucket
        + ", prefix="
        + prefix
        + ", region="
        + region
        + ", endpoint="
        + endpoint
        + ", credentials="
        + keys.map(StaticKeys::toString).orElse("environment")
        + ", signature="
        + (signatureV4 ? "v4" : "v1")
        + "]";
  }

  static OssSettings parse(StorageLocation location, ProviderConfig config) {
    config.requireKnownKeys("oss", OPTIONS, location);
    ErrorContext context = ErrorContext.of(StorageOperation.OPEN, location);
    ProviderSettings.requireBucketName(
        location,
        "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]",
        "OSS bucket names are 3 to 63 lower-case letters, digits and '-'",
        context);
    String prefix = ProviderSettings.keyPrefix(location);
    String region = config.string(REGION, DEFAULT_REGION).trim();
    if (region.startsWith("oss-")) {
      region = region.substring("oss-".length());
    }
    if (!region.matches("[a-z0-9-]+")) {
      throw new InvalidConfigException(
          context, "option " + REGION + " is not a region such as cn-hangzhou: '" + region + "'.");
    }
    URI endpoint =
        endpoint(config.string(ENDPOINT).orElse("oss-" + region + ".aliyuncs.com"), context);
    ConnectionSettings connection = ConnectionSettings.parse("oss", config);
    connection.requireSecure(endpoint, context);
    Optional<StaticKeys> keys =
        StaticKeys.parse(
            "oss",
            ACCESS_KEY_SECRET,
            "OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET from the environment",
            config,
            context);
    boolean v4 =
        config.choice(
            SIGNATURE_VERSION, "v4", Map.of("v4", true, "4", true, "v1", false, "1", false));
    return new OssSettings(
        location.bucket(),
        prefix,
        region,
        endpoint,
        config.bool(PATH_STYLE, false),
        keys,
        v4,
        config.integer(MAX_ERROR_RETRY, 3, 0),
        connection,
        config.duration(SOCKET_TIMEOUT, Duration.ofSeconds(60)));
  }

  /**
   * Parses an endpoint; one without a scheme gets {@code https://}, where the SDK would have used
   * plain HTTP.
   */
  private static URI endpoint(String text, ErrorContext context) {
    String trimmed = text.trim();
    String withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed;
    try {
      URI uri = new URI(withScheme);
      if (uri.getUserInfo() != null) {
        throw new InvalidConfigException(
            context, "the endpoint carries credentials; pass them as options instead.");
      }
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null
          || !(uri.getPath() == null || uri.getPath().isEmpty() || uri.getPath().equals("/"))
          || uri.getQuery() != null) {
        throw new URISyntaxException(text, "not an http(s) URL with a host and nothing after it");
      }
      return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
    } catch (URISyntaxException e) {
      throw new InvalidConfigException(
          context,
          "option "
              + ENDPOINT
              + " is not an endpoint such as oss-cn-hangzhou.aliyuncs.com or https://oss.example:8443.");
    }
  }
}
