package dev.stowage.provider.s3;

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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The S3 provider's options, parsed and checked once, before any I/O. */
record S3Settings(
    RemoteSettings remote,
    Optional<String> region,
    Optional<URI> endpoint,
    Optional<String> profile,
    Sse sse,
    Optional<String> kmsKeyId,
    Optional<byte[]> customerKey,
    Optional<String> storageClass,
    boolean whenRequiredChecksums,
    boolean validateResponseChecksumsOnlyWhenRequired,
    Optional<Boolean> chunkedEncoding,
    boolean conditionalCreate,
    boolean listObjectsV1,
    boolean contentMd5,
    boolean leadingSlashKeys,
    Duration attemptTimeout,
    Duration callTimeout) {

  static final RemoteSettings.Options REMOTE =
      new RemoteSettings.Options(
          "s3",
          "s3.secret-access-key",
          "the SDK's credential chain (env, profile, web identity, container and instance roles)",
          "[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]",
          "3 to 63 lower-case letters, digits, '.' and '-'");

  static final ConfigOption REGION =
      ConfigOption.of(
          "s3.region",
          "AWS region such as eu-west-1; default: the SDK's region chain (AWS_REGION, profile), or us-east-1 with an endpoint");
  static final ConfigOption ENDPOINT =
      ConfigOption.of(
          "s3.endpoint", "Endpoint of an S3-compatible store, such as https://minio.example:9000");
  static final ConfigOption PROFILE =
      ConfigOption.of(
          "s3.profile",
          "Named profile of ~/.aws/config and ~/.aws/credentials to take credentials from");
  static final ConfigOption SSE =
      ConfigOption.of(
          "s3.sse", "Server-side encryption: none, aes256 (SSE-S3) or aws:kms (SSE-KMS)", "none");
  static final ConfigOption SSE_KMS_KEY_ID =
      ConfigOption.of(
          "s3.sse-kms-key-id",
          "KMS key id or ARN for aws:kms; default: the bucket's AWS-managed key");
  static final ConfigOption SSE_C_KEY =
      ConfigOption.secret(
          "s3.sse-c-key", "SSE-C: a base64 256-bit key the store encrypts with and never keeps");
  static final ConfigOption STORAGE_CLASS =
      ConfigOption.of(
          "s3.storage-class", "Storage class of new objects, such as STANDARD_IA or GLACIER_IR");
  static final ConfigOption CHECKSUM_CALCULATION =
      ConfigOption.of(
          "s3.checksum-calculation",
          "when_supported (send a CRC-32C with every write) or when_required (for stores that reject flexible checksums)",
          "when_supported");
  static final ConfigOption CHECKSUM_VALIDATION =
      ConfigOption.of(
          "s3.checksum-validation",
          "when_supported or when_required: validate response checksums",
          "when_supported");
  static final ConfigOption CHUNKED_ENCODING =
      ConfigOption.of(
          "s3.chunked-encoding",
          "auto (the SDK's choice), true or false: send bodies in aws-chunked framing, which carries trailing checksums; set false for stores that keep the framing as bytes",
          "auto");
  static final ConfigOption CONDITIONAL_CREATE =
      ConfigOption.of(
          "s3.conditional-create",
          "Declare create-only writes (If-None-Match: *); set false for stores that ignore the header",
          "true");
  static final ConfigOption LIST_OBJECTS =
      ConfigOption.of(
          "s3.list-objects",
          "v2 (ListObjectsV2) or v1 (the original ListObjects, for servers that answer ListObjectsV2 with HTTP 501)",
          "v2");
  static final ConfigOption CONTENT_MD5 =
      ConfigOption.of(
          "s3.content-md5",
          "Send a Content-MD5 header where the S3 API requires a checksum (a batch delete), for servers that accept no other",
          "false");
  static final ConfigOption LEADING_SLASH_KEYS =
      ConfigOption.of(
          "s3.leading-slash-keys",
          "Hold keys that start with '/', as S3 does and Litestream writes at a bucket's root; set false for servers that refuse them",
          "true");
  static final ConfigOption ATTEMPT_TIMEOUT =
      ConfigOption.of("s3.attempt-timeout", "Deadline of one HTTP attempt", "5m");
  static final ConfigOption CALL_TIMEOUT =
      ConfigOption.of("s3.call-timeout", "Deadline of a call, all SDK attempts included", "15m");

  static final List<ConfigOption> OPTIONS =
      REMOTE.with(
          REGION,
          ENDPOINT,
          PROFILE,
          SSE,
          SSE_KMS_KEY_ID,
          SSE_C_KEY,
          STORAGE_CLASS,
          CHECKSUM_CALCULATION,
          CHECKSUM_VALIDATION,
          CHUNKED_ENCODING,
          CONDITIONAL_CREATE,
          LIST_OBJECTS,
          CONTENT_MD5,
          LEADING_SLASH_KEYS,
          ATTEMPT_TIMEOUT,
          CALL_TIMEOUT);

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
        + remote.bucket()
        + ", prefix="
        + remote.prefix()
        + ", region="
        + region.orElse("-")
        + ", endpoint="
        + endpoint.map(URI::toString).orElse("-")
        + ", pathStyle="
        + remote.pathStyle()
        + ", credentials="
        + remote
            .keys()
            .map(StaticKeys::toString)
            .orElseGet(() -> profile.map(p -> "profile " + p).orElse("default chain"))
        + ", sse="
        + sse
        + (customerKey.isPresent() ? "+SSE-C" : "")
        + "]";
  }

  static S3Settings parse(StorageLocation location, ProviderConfig config) {
    RemoteSettings remote = REMOTE.parse(location, config, OPTIONS);
    ErrorContext context = ErrorContext.of(StorageOperation.OPEN, location);
    Optional<URI> endpoint = config.string(ENDPOINT).map(text -> endpoint(text, context));
    endpoint.ifPresent(uri -> remote.connection().requireSecure(uri, context));
    if (remote.keys().isPresent() && config.string(PROFILE).isPresent()) {
      throw new InvalidConfigException(
          context, "set static keys or " + PROFILE.key() + ", not both.");
    }
    Sse sse =
        config.choice(
            SSE,
            Map.of(
                "none", Sse.NONE,
                "aes256", Sse.AES256,
                "sse-s3", Sse.AES256,
                "aws:kms", Sse.KMS,
                "kms", Sse.KMS,
                "sse-kms", Sse.KMS));
    if (config.string(SSE_KMS_KEY_ID).isPresent() && sse != Sse.KMS) {
      throw new InvalidConfigException(
          context, SSE_KMS_KEY_ID.key() + " needs " + SSE.key() + "=aws:kms.");
    }
    Optional<byte[]> customerKey = config.string(SSE_C_KEY).map(text -> customerKey(text, context));
    if (customerKey.isPresent() && sse != Sse.NONE) {
      throw new InvalidConfigException(
          context, "SSE-C (" + SSE_C_KEY.key() + ") cannot be combined with " + SSE.key() + ".");
    }
    return new S3Settings(
        remote,
        config.string(REGION),
        endpoint,
        config.string(PROFILE),
        sse,
        config.string(SSE_KMS_KEY_ID),
        customerKey,
        config.string(STORAGE_CLASS),
        config.choice(CHECKSUM_CALCULATION, WHEN_REQUIRED),
        config.choice(CHECKSUM_VALIDATION, WHEN_REQUIRED),
        config.choice(
            CHUNKED_ENCODING,
            Map.of(
                "auto", Optional.empty(), "true", Optional.of(true), "false", Optional.of(false))),
        config.bool(CONDITIONAL_CREATE),
        config.choice(LIST_OBJECTS, Map.of("v2", false, "v1", true)),
        config.bool(CONTENT_MD5),
        config.bool(LEADING_SLASH_KEYS),
        config.duration(ATTEMPT_TIMEOUT),
        config.duration(CALL_TIMEOUT));
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
          context,
          "option " + ENDPOINT.key() + " is not a URL such as https://s3.example.com:9000.");
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
        context,
        "option " + SSE_C_KEY.key() + " must be a base64-encoded 256-bit key (44 characters).");
  }
}
