package dev.stowage.provider.oss;

import dev.stowage.api.ConfigOption;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.provider.support.internal.RemoteSettings;
import dev.stowage.provider.support.internal.StaticKeys;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The OSS provider's options, parsed and checked once, before any I/O. */
record OssSettings(
    RemoteSettings remote,
    String region,
    URI endpoint,
    boolean signatureV4,
    int maxErrorRetry,
    Duration socketTimeout) {

  static final String DEFAULT_REGION = "cn-hangzhou";

  static final RemoteSettings.Options REMOTE =
      new RemoteSettings.Options(
          "oss",
          "oss.access-key-secret",
          "OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET and OSS_SESSION_TOKEN from the environment",
          "[a-z0-9][a-z0-9-]{1,61}[a-z0-9]",
          "OSS bucket names are 3 to 63 lower-case letters, digits and '-'");

  static final ConfigOption REGION =
      ConfigOption.of(
          "oss.region", "OSS region such as cn-hangzhou or ap-southeast-1", DEFAULT_REGION);
  static final ConfigOption SIGNATURE_VERSION =
      ConfigOption.of("oss.signature-version", "Request signing: v4 or v1", "v4");
  static final ConfigOption ENDPOINT =
      ConfigOption.of(
          "oss.endpoint",
          "Endpoint such as oss-cn-hangzhou-internal.aliyuncs.com (https:// is added); default: the region's public endpoint");
  static final ConfigOption SOCKET_TIMEOUT =
      ConfigOption.of("oss.socket-timeout", "Longest wait for data on an open connection", "60s");
  static final ConfigOption MAX_ERROR_RETRY =
      ConfigOption.of(
          "oss.max-error-retry",
          "Retries of a request by the SDK on network errors and HTTP 500/502/503",
          "3");

  static final List<ConfigOption> OPTIONS =
      REMOTE.with(REGION, ENDPOINT, SIGNATURE_VERSION, MAX_ERROR_RETRY, SOCKET_TIMEOUT);

  @Override
  public String toString() {
    return "OssSettings[bucket="
        + remote.bucket()
        + ", prefix="
        + remote.prefix()
        + ", region="
        + region
        + ", endpoint="
        + endpoint
        + ", credentials="
        + remote.keys().map(StaticKeys::toString).orElse("environment")
        + ", signature="
        + (signatureV4 ? "v4" : "v1")
        + "]";
  }

  static OssSettings parse(StorageLocation location, ProviderConfig config) {
    RemoteSettings remote = REMOTE.parse(location, config, OPTIONS);
    ErrorContext context = ErrorContext.of(StorageOperation.OPEN, location);
    String region = config.string(REGION).orElseThrow().trim();
    if (region.startsWith("oss-")) {
      region = region.substring("oss-".length());
    }
    if (!region.matches("[a-z0-9-]+")) {
      throw new InvalidConfigException(
          context,
          "option " + REGION.key() + " is not a region such as cn-hangzhou: '" + region + "'.");
    }
    URI endpoint =
        endpoint(config.string(ENDPOINT).orElse("oss-" + region + ".aliyuncs.com"), context);
    remote.connection().requireSecure(endpoint, context);
    return new OssSettings(
        remote,
        region,
        endpoint,
        config.choice(SIGNATURE_VERSION, Map.of("v4", true, "4", true, "v1", false, "1", false)),
        config.integer(MAX_ERROR_RETRY, 0),
        config.duration(SOCKET_TIMEOUT));
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
              + ENDPOINT.key()
              + " is not an endpoint such as oss-cn-hangzhou.aliyuncs.com or https://oss.example:8443.");
    }
  }
}
