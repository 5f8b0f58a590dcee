package dev.stowage.provider.oss;

import com.aliyun.oss.ClientBuilderConfiguration;
import com.aliyun.oss.OSS;
import com.aliyun.oss.OSSClientBuilder;
import com.aliyun.oss.common.auth.CredentialsProvider;
import com.aliyun.oss.common.auth.DefaultCredentialProvider;
import com.aliyun.oss.common.comm.SignVersion;
import com.google.auto.service.AutoService;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.StorageProvider;
import dev.stowage.provider.support.internal.DescribedProvider;
import dev.stowage.provider.support.internal.StaticKeys;
import java.util.Map;
import java.util.function.Function;

/**
 * Alibaba Cloud OSS, scheme {@code oss}, on the official {@code aliyun-sdk-oss} client: {@code
 * oss://bucket.oss-cn-hangzhou.aliyuncs.com/prefix} or {@code oss://bucket/prefix?region=...}.
 * Credentials come from {@code OSS_ACCESS_KEY_ID}, {@code OSS_ACCESS_KEY_SECRET} and {@code
 * OSS_SESSION_TOKEN} unless given as options; requests are signed with V4 and sent over HTTPS.
 */
@AutoService(StorageProvider.class)
public final class OssStorageProvider extends DescribedProvider {
  static final String ENV_ACCESS_KEY_ID = "OSS_ACCESS_KEY_ID";
  static final String ENV_ACCESS_KEY_SECRET = "OSS_ACCESS_KEY_SECRET";
  static final String ENV_SESSION_TOKEN = "OSS_SESSION_TOKEN";

  private final Function<String, String> environment;

  /** Reads credentials from the process environment when none are given as options. */
  public OssStorageProvider() {
    this(System::getenv);
  }

  OssStorageProvider(Map<String, String> environment) {
    this(environment::get);
  }

  private OssStorageProvider(Function<String, String> environment) {
    super("oss", "Alibaba Cloud OSS, on the official aliyun-sdk-oss client", OssSettings.OPTIONS);
    this.environment = environment;
  }

  @Override
  public ObjectStore open(StorageLocation location, ProviderConfig config) {
    requireOwnScheme(location);
    OssSettings settings = OssSettings.parse(location, config);
    ErrorContext context = ErrorContext.of(StorageOperation.OPEN, location);
    CredentialsProvider credentials = credentials(settings, context);
    ClientBuilderConfiguration conf = new ClientBuilderConfiguration();
    conf.setSignatureVersion(settings.signatureV4() ? SignVersion.V4 : SignVersion.V1);
    conf.setMaxConnections(settings.remote().connection().maxConnections());
    conf.setMaxErrorRetry(settings.maxErrorRetry());
    conf.setConnectionTimeout(
        (int)
            Math.min(
                Integer.MAX_VALUE, settings.remote().connection().connectionTimeout().toMillis()));
    conf.setSocketTimeout((int) Math.min(Integer.MAX_VALUE, settings.socketTimeout().toMillis()));
    // The SDK's own CRC-64 check wraps the body once and keeps summing across a retry's reset,
    // so a retried write would fail it; the store checks CRC-64 itself, per attempt.
    conf.setCrcCheckEnabled(false);
    conf.setSupportCname(false);
    // On RequestTimeTooSkewed the client takes its clock offset from the server's time; the store
    // then sends the request once more (see OssRequests.send).
    conf.setEnableAutoCorrectClockSkew(true);
    conf.setSLDEnabled(settings.remote().pathStyle());
    try {
      OSS oss =
          OSSClientBuilder.create()
              .endpoint(settings.endpoint().toString())
              .credentialsProvider(credentials)
              .clientConfiguration(conf)
              .region(settings.region())
              .build();
      return new OssObjectStore(location, settings, oss);
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException(
          context, "the OSS client cannot be built: " + e.getMessage(), e);
    }
  }

  private CredentialsProvider credentials(OssSettings settings, ErrorContext context) {
    if (settings.remote().keys().isPresent()) {
      StaticKeys keys = settings.remote().keys().get();
      return new DefaultCredentialProvider(
          keys.accessKeyId(), keys.secret(), keys.sessionToken().orElse(null));
    }
    String id = environment.apply(ENV_ACCESS_KEY_ID);
    String secret = environment.apply(ENV_ACCESS_KEY_SECRET);
    if (id == null || id.isBlank() || secret == null || secret.isBlank()) {
      throw new InvalidConfigException(
          context,
          "no OSS credentials were found. Set "
              + ENV_ACCESS_KEY_ID
              + " and "
              + ENV_ACCESS_KEY_SECRET
              + " (and "
              + ENV_SESSION_TOKEN
              + " for STS), or pass -o oss.access-key-id=... -o oss.access-key-secret=...");
    }
    String token = environment.apply(ENV_SESSION_TOKEN);
    return new DefaultCredentialProvider(
        id.trim(), secret.trim(), token == null || token.isBlank() ? null : token.trim());
  }
}
