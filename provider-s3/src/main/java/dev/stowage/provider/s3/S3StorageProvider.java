package dev.stowage.provider.s3;

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
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.LegacyMd5Plugin;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Amazon S3 and S3-compatible stores (MinIO, Ceph RGW, R2, B2, Wasabi...), scheme {@code s3}, on
 * the AWS SDK for Java v2: {@code s3://bucket/prefix?region=eu-west-1}.
 */
@AutoService(StorageProvider.class)
public final class S3StorageProvider extends DescribedProvider {
  /** Makes no client: clients are made by {@link #open}. */
  public S3StorageProvider() {
    super(
        "s3", "Amazon S3 and S3-compatible stores, on the AWS SDK for Java v2", S3Settings.OPTIONS);
  }

  @Override
  public Map<String, Map<String, String>> bodyEncodings() {
    return Collections.unmodifiableSortedMap(
        new TreeMap<>(
            Map.of(
                "aws-chunked", Map.of(S3Settings.CHUNKED_ENCODING.key(), "true"),
                "plain", Map.of(S3Settings.CHUNKED_ENCODING.key(), "false"))));
  }

  @Override
  public Map<String, Map<String, String>> variants(StorageOperation operation) {
    return switch (operation) {
      case LIST -> Map.of("ListObjects (v1)", Map.of(S3Settings.LIST_OBJECTS.key(), "v1"));
      case DELETE -> Map.of("Content-MD5", Map.of(S3Settings.CONTENT_MD5.key(), "true"));
      default -> Map.of();
    };
  }

  @Override
  public ObjectStore open(StorageLocation location, ProviderConfig config) {
    requireOwnScheme(location);
    S3Settings settings = S3Settings.parse(location, config);
    ErrorContext context = ErrorContext.of(StorageOperation.OPEN, location);
    MissingCredentials.Guarded credentials = MissingCredentials.guard(credentials(settings));
    try {
      S3ClientBuilder builder =
          S3Client.builder()
              .httpClientBuilder(
                  Apache5HttpClient.builder()
                      .maxConnections(settings.remote().connection().maxConnections())
                      .connectionTimeout(settings.remote().connection().connectionTimeout())
                      .socketTimeout(settings.attemptTimeout()))
              .region(region(settings, context))
              .forcePathStyle(settings.remote().pathStyle())
              .credentialsProvider(credentials)
              .requestChecksumCalculation(
                  settings.whenRequiredChecksums()
                      ? RequestChecksumCalculation.WHEN_REQUIRED
                      : RequestChecksumCalculation.WHEN_SUPPORTED)
              .responseChecksumValidation(
                  settings.validateResponseChecksumsOnlyWhenRequired()
                      ? ResponseChecksumValidation.WHEN_REQUIRED
                      : ResponseChecksumValidation.WHEN_SUPPORTED)
              .overrideConfiguration(
                  c ->
                      c.apiCallAttemptTimeout(settings.attemptTimeout())
                          .apiCallTimeout(settings.callTimeout()));
      settings.endpoint().ifPresent(builder::endpointOverride);
      if (settings.contentMd5()) {
        builder.addPlugin(LegacyMd5Plugin.create());
      }
      settings
          .chunkedEncoding()
          .ifPresent(
              chunked ->
                  builder.serviceConfiguration(
                      S3Configuration.builder().chunkedEncodingEnabled(chunked).build()));
      return new S3ObjectStore(location, settings, builder.build(), credentials);
    } catch (SdkClientException | IllegalArgumentException e) {
      throw new InvalidConfigException(
          context, "the S3 client cannot be built: " + e.getMessage(), e);
    }
  }

  private static AwsCredentialsProvider credentials(S3Settings settings) {
    if (settings.remote().keys().isPresent()) {
      StaticKeys keys = settings.remote().keys().get();
      return StaticCredentialsProvider.create(
          keys.sessionToken()
              .<software.amazon.awssdk.auth.credentials.AwsCredentials>map(
                  token -> AwsSessionCredentials.create(keys.accessKeyId(), keys.secret(), token))
              .orElseGet(() -> AwsBasicCredentials.create(keys.accessKeyId(), keys.secret())));
    }
    if (settings.profile().isPresent()) {
      return ProfileCredentialsProvider.create(settings.profile().get());
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static Region region(S3Settings settings, ErrorContext context) {
    if (settings.region().isPresent()) {
      return Region.of(settings.region().get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      if (settings.endpoint().isPresent()) {
        return Region.US_EAST_1; // S3-compatible stores rarely care; SigV4 still needs a name
      }
      throw new InvalidConfigException(
          context,
          "no region is configured. Add ?region=... to the location, -o s3.region=..., or set AWS_REGION.");
    }
  }
}
