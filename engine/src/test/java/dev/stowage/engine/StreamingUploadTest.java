package dev.stowage.engine;

import static dev.stowage.engine.Stores.bytes;
import static dev.stowage.engine.Stores.read;
import static dev.stowage.engine.Stores.unknownLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.WriteOptions;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Streams of unknown length into real stores, within the memory budget, through failures. */
class StreamingUploadTest {
  private static final int PART = 100 * 1024;

  @TempDir Path temp;
  private OssServer server;
  private ObjectStore filesystem;
  private ObjectStore oss;

  @BeforeEach
  void open() throws IOException {
    filesystem = Stores.filesystem(temp.resolve("fs"));
    server = OssServer.builder().build().start();
    oss = Stores.oss(server, "engine", "streams");
  }

  @AfterEach
  void close() {
    oss.close();
    filesystem.close();
    server.close();
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, PART - 1, PART, PART + 1, 5 * PART + 7})
  void writesStreamsOfEveryShapeWhole(int size) throws IOException {
    byte[] content = bytes(size);
    try (TransferEngine engine =
        TransferEngine.builder().partSize(PART).concurrency(4).memoryBudget(3L * PART).build()) {
      TransferResult result =
          engine.upload(unknownLength(content), filesystem, "s/" + size, WriteOptions.DEFAULTS);

      assertThat(read(filesystem, "s/" + size)).isEqualTo(content);
      assertThat(result.bytes()).isEqualTo(size);
      assertThat(result.parts()).isEqualTo(Math.max(1, (size + PART - 1) / PART));
      assertThat(engine.metrics().peakBufferedBytes()).isLessThanOrEqualTo(3L * PART);
      assertThat(filesystem.listMultipartUploads("")).isEmpty();
    }
  }

  @Test
  void holdsNoMoreThanTheBudgetHowEverManyWorkers() throws IOException {
    byte[] content = bytes(40 * PART + 3);
    try (TransferEngine engine =
        TransferEngine.builder().partSize(PART).concurrency(16).memoryBudget(2L * PART).build()) {
      TransferResult result =
          engine.upload(unknownLength(content), filesystem, "big", WriteOptions.DEFAULTS);
      assertThat(result.parts()).isEqualTo(41);
      assertThat(read(filesystem, "big")).isEqualTo(content);
      assertThat(engine.metrics().peakBufferedBytes()).isEqualTo(2L * PART);
    }
  }

  @Test
  void retriesPartsThatFailRetryablyAndCountsThem() throws IOException {
    byte[] content = bytes(3 * PART + 5);
    server
        .faults()
        .inject(Fault.error(503, "ServiceUnavailable").on(OssOperation.UPLOAD_PART).times(2));
    try (TransferEngine engine =
        TransferEngine.builder()
            .partSize(PART)
            .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
            .build()) {
      TransferResult result =
          engine.upload(unknownLength(content), oss, "retried", WriteOptions.DEFAULTS);
      assertThat(result.retries()).isEqualTo(2);
      assertThat(result.parts()).isEqualTo(4);
    }
    assertThat(read(oss, "retried")).isEqualTo(content);
    assertThat(server.faults().fired(OssOperation.UPLOAD_PART)).isEqualTo(2);
  }

  @Test
  void abortsWhenAPartFailsForGood() {
    server
        .faults()
        .inject(Fault.error(403, "AccessDenied").on(OssOperation.UPLOAD_PART).times(1_000));
    try (TransferEngine engine = TransferEngine.builder().partSize(PART).build()) {
      assertThatThrownBy(
              () ->
                  engine.upload(
                      unknownLength(bytes(4 * PART)), oss, "refused", WriteOptions.DEFAULTS))
          .isInstanceOf(PermissionDeniedException.class);
    }
    server.faults().clear();
    assertThat(server.uploadsInProgress("engine")).as("uploads left").isZero();
    assertThat(oss.stat("refused")).isEmpty();
  }

  @Test
  void abortsWhenTheSourceFails() {
    InputStream failing =
        new FilterInputStream(unknownLength(bytes(10 * PART))) {
          private long read;

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (read > 2 * PART + 10) {
              throw new IOException("disk gone");
            }
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
          }
        };
    try (TransferEngine engine = TransferEngine.builder().partSize(PART).build()) {
      assertThatThrownBy(() -> engine.upload(failing, oss, "half", WriteOptions.DEFAULTS))
          .isInstanceOf(PermanentStorageException.class)
          .hasMessageContaining("disk gone");
    }
    assertThat(server.uploadsInProgress("engine")).isZero();
    assertThat(oss.stat("half")).isEmpty();
  }
}
