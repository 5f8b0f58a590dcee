package dev.stowage.provider.s3;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The S3 provider's options, parsed and checked once, before any I/O. */
record S3Settings(
    String bucket,
    String prefix,
    Optional<String> region,
    Optional<URI> endpoint,
    boolean pathStyle,
    Optional<StaticKeys> keys,
    Optional<String> profile,
    Sse sse,
    Optional<String> kmsKeyId,
    Optional<byte[]> customerKey,
    Optional<String> storageClass,
    boolean whenRequiredChecksums,
    boolean validateResponseChecksumsOnlyWhenRequired,
    Optional<Boolean> chunkedEncoding,
    boolean conditionalCreate,
    ConnectionSettings connection,
    Duration attemptTimeout,
    Duration callTimeout) {

  static final String REGION = "s3.region";
  static final String ENDPOINT = "s3.endpoint";
  static final String PATH_STYLE = "s3.path-style";
  static final String ACCESS_KEY_ID = StaticKeys.idOption("s3");
  static final String SECRET_ACCESS_KEY = "s3.secret-access-key";
  static final String SESSION_TOKEN = StaticKeys.tokenOption("s3");
  static final String PROFILE = "s3.profile";
  static final String SSE = "s3.sse";
  static final String SSE_KMS_KEY_ID = "s3.sse-kms-key-id";
  static final String SSE_C_KEY = "s3.sse-c-key";
  static final String STORAGE_CLASS = "s3.storage-class";
  static final String CHECKSUM_CALCULATION = "s3.checksum-calculation";
  static final String CHECKSUM_VALIDATION = "s3.checksum-validation";
  static final String CHUNKED_ENCODING = "s3.chunked-encoding";
  static final String CONDITIONAL_CREATE = "s3.conditional-create";
  static final String ATTEMPT_TIMEOUT = "s3.attempt-timeout";
  static final String CALL_TIMEOUT = "s3.call-timeout";

  static final List<ConfigOption> OPTIONS =
      ConnectionSettings.options(
          "s3",
          ConfigOption.of(
              REGION,
              "AWS region such as eu-west-1; default: the SDK's region chain (AWS_REGION, profile), or us-east-1 with an endpoint"),
          ConfigOption.of(
              ENDPOINT, "Endpoint of an S3-compatible store, such as https://minio.example:9000"),
          ConfigOption.of(
              PATH_STYLE,
              "Address buckets as https://endpoint/bucket instead of https://bucket.endpoint (true or false)",
              "false"),
          ConfigOption.secret(
              ACCESS_KEY_ID,
              "Static access key id; default: the SDK's credential chain (env, profile, web identity, container and instance roles)"),
          ConfigOption.secret(SECRET_ACCESS_KEY, "Static secret access key, with s3.access-key-id"),
          ConfigOption.secret(SESSION_TOKEN, "Session token of temporary static credentials"),
          ConfigOption.of(
              PROFILE,
              "Named profile of ~/.aws/config and ~/.aws/credentials to take credentials from"),
          ConfigOption.of(
              SSE, "Server-side encryption: none, aes256 (SSE-S3) or aws:kms (SSE-KMS)", "none"),
          ConfigOption.of(
              SSE_KMS_KEY_ID,
              "KMS key id or ARN for aws:kms; default: the bucket's AWS-managed key"),
          ConfigOption.secret(
              SSE_C_KEY, "SSE-C: a base64 256-bit key the store encrypts with and never keeps"),
          ConfigOption.of(
              STORAGE_CLASS, "Storage class of new objects, such as STANDARD_IA or GLACIER_IR"),
          ConfigOption.of(
              CHECKSUM_CALCULATION,
              "when_supported (send a CRC-32C with every write) or when_required (for stores that reject flexible checksums)",
              "when_supported"),
          ConfigOption.of(
              CHECKSUM_VALIDATION,
              "when_supported or when_required: validate response checksums",
              "when_supported"),
          ConfigOption.of(
              CHUNKED_ENCODING,
              "auto (the SDK's choice), true or false: send bodies in aws-chunked framing, which carries trailing checksums; set false for stores that keep the framing as bytes",
              "auto"),
          ConfigOption.of(
              CONDITIONAL_CREATE,
              "Declare create-only writes (If-None-Match: *); set false for stores that ignore the header",
              "true"),
          ConfigOption.of(ATTEMPT_TIMEOUT, "Deadline of one HTTP attempt", "5m"),
          ConfigOption.of(CALL_TIMEOUT, "Deadline of a call, all SDK attempts included", "15m"));

  private static final Map<String, Boolean> WHEN_REQUIRED =
      Map.of("when_supported", false, "when_required", true);

  /** Server-side encryption with keys S3 manages. */
  enum Sse {
    NONE,
    AES256,
    KMS
  }

  @Override
  public String toString() {
    return "S3Settings[bucket="
        + bucket
        + ", prefix="
        + prefix
        + ", region="
        + region.orElse("-")
        + ", endpoint="
        + endpoint.map(URI::toString).orElse("-")
        + ", pathStyle="
        + pathStyle
        + ", credentials="
        + keys.map(StaticKeys::toString)
            .orElseGet(() -> profile.map(p -> "profile " + p).orElse("default chain"))
        + ", sse="
        + sse
        + (customerKey.isPresent() ? "+SSE-C" : "")
        + "]";
  }

  static S3Settings parse(StorageLocation location, ProviderConfig config) {
    config.requireKnownKeys("s3", OPTIONS, location);
    ErrorContext context = ErrorContext.of(StorageOperation.OPEN, location);
    ProviderSettings.requireBucketName(
        location,
        "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
        "3 to 63 lower-case letters, digits, '.' and '-'",
        context);
    String prefix = ProviderSettings.keyPrefix(location);
    Optional<URI> endpoint = config.string(ENDPOINT).map(text -> endpoint(text, context));
    ConnectionSettings connection = ConnectionSettings.parse("s3", config);
    endpoint.ifPresent(uri -> connection.requireSecure(uri, context));
    Optional<StaticKeys> keys =
        StaticKeys.parse("s3", SECRET_ACCESS_KEY, "the SDK's credential chain", config, context);
    if (keys.isPresent() && config.string(PROFILE).isPresent()) {
      throw new InvalidConfigException(context, "set static keys or " + PROFILE + ", not both.");
    }
    Sse sse =
        config.choice(
            SSE,
            "none",
            Map.of(
                "none", Sse.NONE,
                "aes256", Sse.AES256,
                "sse-s3", Sse.AES256,
                "aws:kms", Sse.KMS,
                "kms", Sse.KMS,
                "sse-kms", Sse.KMS));
    if (config.string(SSE_KMS_KEY_ID).isPresent() && sse != Sse.KMS) {
      throw new InvalidConfigException(context, SSE_KMS_KEY_ID + " needs " + SSE + "=aws:kms.");
    }
    Optional<byte[]> customerKey = config.string(SSE_C_KEY).map(text -> customerKey(text, context));
    if (customerKey.isPresent() && sse != Sse.NONE) {
      throw new InvalidConfigException(
          context, "SSE-C (" + SSE_C_KEY + ") cannot be combined with " + SSE + ".");
    }
    return new S3Settings(
        location.bucket(),
        prefix,
        config.string(REGION),
        endpoint,
        config.bool(PATH_STYLE, false),
        keys,
        config.string(PROFILE),
        sse,
        config.string(SSE_KMS_KEY_ID),
        customerKey,
        config.string(STORAGE_CLASS),
        config.choice(CHECKSUM_CALCULATION, "when_supported", WHEN_REQUIRED),
        config.choice(CHECKSUM_VALIDATION, "when_supported", WHEN_REQUIRED),
        config.choice(
            CHUNKED_ENCODING,
            "auto",
            Map.of(
                "auto", Optional.empty(), "true", Optional.of(true), "false", Optional.of(false))),
        config.bool(CONDITIONAL_CREATE, true),
        connection,
        config.duration(ATTEMPT_TIMEOUT, Duration.ofMinutes(5)),
        config.duration(CALL_TIMEOUT, Duration.ofMinutes(15)));
  }

  private static URI endpoint(String text, ErrorContext context) {
    try {
      URI uri = new URI(text.trim());
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new URISyntaxException(text, "not an http(s) URL with a host");
      }
      if (uri.getUserInfo() != null) {
        throw new InvalidConfigException(
            context, "the endpoint carries credentials; pass them as options instead.");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new InvalidConfigException(
          context, "option " + ENDPOINT + " is not a URL such as https://s3.example.com:9000.");
    }
  }

  private static byte[] customerKey(String text, ErrorContext context) {
    try {
      byte[] key = Base64.getDecoder().decode(text.trim());
      if (key.length == 32) {
        return key;
      }
    } catch (IllegalArgumentException e) {
      // reported below, without the value
    }
    throw new InvalidConfigException(
        context, "option " + SSE_C_KEY + " must be a base64-encoded 256-bit key (44 characters).");
  }
}
