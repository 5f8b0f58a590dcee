package dev.stowage.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExceptionsTest {
  @Test
  void composesAMessageThatSaysWhatWhereWhyAndWhatToDo() {
    ErrorContext context =
        ErrorContext.of(StorageOperation.WRITE, StorageLocation.parse("s3://backups/db?token=T"))
            .withKey("1.ltx")
            .withErrorCode("AccessDenied")
            .withRequestId("R1");
    PermissionDeniedException e =
        new PermissionDeniedException(context, "access denied (HTTP 403). Grant s3:PutObject.");
    assertThat(e.getMessage())
        .isEqualTo(
            "write failed for s3://backups/db?token=**** (key '1.ltx'): access denied (HTTP 403). Grant s3:PutObject."
                + " [code AccessDenied, request id R1]");
    assertThat(e.reason()).startsWith("access denied");
    assertThat(e.context().key()).contains("1.ltx");
  }

  @Test
  void saysWhichFailuresARetryCanCure() {
    ErrorContext context = ErrorContext.of(StorageOperation.READ, "x");
    assertThat(new TransientStorageException(context, "r").isRetryable()).isTrue();
    assertThat(new ThrottledException(context, "r").isRetryable()).isTrue();
    assertThat(new IntegrityException(context, "r").isRetryable()).isTrue();
    assertThat(new ObjectNotFoundException(context, "r").isRetryable()).isFalse();
    assertThat(new PermissionDeniedException(context, "r").isRetryable()).isFalse();
    assertThat(new PermanentStorageException(context, "r").isRetryable()).isFalse();
  }

  @Test
  void clipsRanges() {
    assertThat(new ByteRange(10, 5).lengthWithin(12)).isEqualTo(2);
    assertThat(ByteRange.from(3).lengthWithin(10)).isEqualTo(7);
    assertThat(new ByteRange(20, 5).lengthWithin(10)).isZero();
    assertThat(ByteRange.ALL.lengthWithin(0)).isZero();
  }
}
