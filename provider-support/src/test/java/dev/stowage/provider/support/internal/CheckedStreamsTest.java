package dev.stowage.provider.support.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.TransientStorageException;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** The one checked request body and the one checked response body of the remote providers. */
class CheckedStreamsTest {
  private static final byte[] BYTES = "stowage checks every byte".getBytes();
  private static final ErrorContext CONTEXT =
      ErrorContext.of(StorageOperation.READ, StorageLocation.parse("s3://bucket/p")).withKey("k");

  @Test
  void aBodyPassesExactlyItsLengthAndComputesItsChecksum() throws IOException {
    CheckedBody body = new CheckedBody(new ByteArrayInputStream(BYTES), BYTES.length, new CRC32C());

    assertThat(body.readAllBytes()).isEqualTo(BYTES);
    assertThat(body.isComplete()).isTrue();
    assertThat(body.position()).isEqualTo(BYTES.length);
    assertThat(body.checksum()).isEqualTo(crc32c(BYTES));
  }

  @Test
  void aSourceShorterThanDeclaredFails() {
    CheckedBody body =
        new CheckedBody(new ByteArrayInputStream(BYTES), BYTES.length + 1, new CRC32C());

    assertThatThrownBy(body::readAllBytes)
        .isInstanceOf(LengthMismatchException.class)
        .hasMessageContaining("ended after " + BYTES.length);
  }

  @Test
  void aSourceLongerThanDeclaredFailsBeforeItsLastBytesGoOut() {
    CheckedBody body =
        new CheckedBody(new ByteArrayInputStream(BYTES), BYTES.length - 1, new CRC32C());
    byte[] buffer = new byte[BYTES.length];

    assertThatThrownBy(() -> body.read(buffer, 0, buffer.length))
        .as("the read that would hand over the declared length")
        .isInstanceOf(LengthMismatchException.class)
        .hasMessageContaining("more than its declared length");
  }

  @Test
  void aResponseCutShortFailsTypedAndRetryable() {
    InputStream cut = new ByteArrayInputStream(BYTES, 0, 10);
    CheckedResponse response =
        CheckedResponse.unchecked(cut, BYTES.length, CONTEXT, complete -> {});

    assertThatThrownBy(response::readAllBytes)
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("after 10 of " + BYTES.length)
        .cause()
        .isInstanceOf(TransientStorageException.class);
  }

  @Test
  void aWholeObjectIsCheckedAgainstTheServersChecksumAtTheEnd() throws IOException {
    CheckedResponse good =
        CheckedResponse.verified(
            new ByteArrayInputStream(BYTES),
            BYTES.length,
            CONTEXT,
            new CheckedResponse.Expected("CRC-32C", new CRC32C(), crc32c(BYTES)),
            complete -> {});
    assertThat(good.readAllBytes()).isEqualTo(BYTES);

    byte[] damaged = BYTES.clone();
    damaged[3] ^= 1;
    CheckedResponse bad =
        CheckedResponse.verified(
            new ByteArrayInputStream(damaged),
            damaged.length,
            CONTEXT,
            new CheckedResponse.Expected("CRC-32C", new CRC32C(), crc32c(BYTES)),
            complete -> {});
    assertThatThrownBy(bad::readAllBytes)
        .isInstanceOf(IOException.class)
        .hasCauseInstanceOf(IntegrityException.class)
        .hasMessageContaining("CRC-32C");
  }

  @Test
  void closingTellsWhetherTheWholeBodyWasRead() throws IOException {
    List<Boolean> closes = new ArrayList<>();
    CheckedResponse early =
        CheckedResponse.unchecked(
            new ByteArrayInputStream(BYTES), BYTES.length, CONTEXT, closes::add);
    early.read();
    early.close();
    CheckedResponse whole =
        CheckedResponse.unchecked(
            new ByteArrayInputStream(BYTES), BYTES.length, CONTEXT, closes::add);
    whole.readAllBytes();
    whole.close();

    assertThat(closes).containsExactly(false, true);
  }

  private static long crc32c(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return crc.getValue();
  }
}
