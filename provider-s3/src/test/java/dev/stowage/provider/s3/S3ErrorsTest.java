package dev.stowage.provider.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidConfigException;
import dev.stowage.api.ProviderConfig;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** What a store's NotImplemented answer is said to mean, by the request it refused. */
class S3ErrorsTest {
  private static final StorageLocation LOCATION = StorageLocation.parse("s3://bucket/p");
  private static final S3Exception NOT_IMPLEMENTED =
      (S3Exception)
          S3Exception.builder()
              .statusCode(501)
              .awsErrorDetails(
                  AwsErrorDetails.builder()
                      .errorCode("NotImplemented")
                      .errorMessage(
                          "A header you provided implies functionality that is not"
                              + " implemented")
                      .build())
              .build();

  @Test
  void suggestsTurningChecksumsOffOnlyForAWriteThatCarriedOne() {
    S3Settings checksums = settings(Map.of());
    S3Settings whenRequired = settings(Map.of("s3.checksum-calculation", "when_required"));

    assertThat(message(StorageOperation.WRITE, checksums))
        .contains("s3.checksum-calculation=when_required");
    assertThat(message(StorageOperation.UPLOAD_PART, checksums))
        .contains("s3.checksum-calculation=when_required");
    assertThat(message(StorageOperation.WRITE, whenRequired))
        .as("the option is set already")
        .doesNotContain("checksum")
        .contains("lacks this operation");
    assertThat(message(StorageOperation.LIST_MULTIPART_UPLOADS, checksums))
        .as("a request that carried no checksum")
        .doesNotContain("checksum")
        .contains("withdraw the capability");
    assertThat(message(StorageOperation.LIST, checksums))
        .as("a listing, which no capability withdraws")
        .contains("does not answer ListObjectsV2")
        .contains("s3.list-objects=v1")
        .doesNotContain("withdraw");
  }

  @Test
  void saysWhatToSetWhenAServerRefusesAKeyThatStartsWithASlash() {
    S3Exception refused =
        (S3Exception)
            S3Exception.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("XMinioInvalidObjectName")
                        .errorMessage("Object name contains unsupported characters.")
                        .build())
                .build();
    ErrorContext write = ErrorContext.of(StorageOperation.WRITE, LOCATION);

    assertThat(S3Errors.map(write.withKey("/0000/x.ltx"), settings(Map.of()), refused))
        .isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("(key '/0000/x.ltx')")
        .hasMessageContaining("refused a key that starts with '/'")
        .hasMessageContaining("Set s3.leading-slash-keys=false");
    assertThat(S3Errors.map(write.withKey("0000/x.ltx"), settings(Map.of()), refused))
        .as("the same answer for a key without the slash")
        .extracting(Throwable::getMessage, org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .doesNotContain("leading-slash");
  }

  private static String message(StorageOperation operation, S3Settings settings) {
    StorageException mapped =
        S3Errors.map(ErrorContext.of(operation, LOCATION), settings, NOT_IMPLEMENTED);
    assertThat(mapped).isInstanceOf(InvalidConfigException.class);
    return mapped.getMessage();
  }

  private static S3Settings settings(Map<String, String> options) {
    return S3Settings.parse(LOCATION, ProviderConfig.of(options));
  }
}
