package dev.stowage.engine;

import static dev.stowage.engine.Stores.bytes;
import static dev.stowage.engine.Stores.read;
import static dev.stowage.engine.Stores.unknownLength;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.MultipartUpload;
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
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deadlines, throttling, cancellation, failed aborts and the sweeper, on oss-server. */
class FailureHandlingTest {
  private static final int PART = 100 * 1024;

  @TempDir Path temp;
  private OssServer server;
  private ObjectStore oss;

  @BeforeEach
  void open() throws IOException {
    server = OssServer.builder().build().start();
    oss = Stores.oss(server, "engine", "faults");
  }

  @AfterEach
  void close() {
    oss.close();
    server.close();
  }

  @Test
  void stopsRetryingAtTheDeadlineAndLeavesNothing() {
    server
        .faults()
        .inject(Fault.error(503, "ServiceUnavailable").on(OssOperation.UPLOAD_PART).times(100_000));
    try (TransferEngine engine =
        TransferEngine.builder()
            .partSize(PART)
            .retry(new RetryPolicy(1_000, Duration.ofMillis(20), Duration.ofMillis(40)))
            .deadline(Duration.ofMillis(300))
            .build()) {
      long started = System.nanoTime();
      assertThatThrownBy(
              () ->
                  engine.upload(
                      Content.ofBytes(bytes(3 * PART)), oss, "late", WriteOptions.DEFAULTS))
          .hasMessageContaining("ServiceUnavailable");
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("well before 1,000 attempts of up to 40 ms")
          .isLessThan(Duration.ofSeconds(10));
    }
    server.faults().clear();
    assertThat(server.uploadsInProgress("engine")).isZero();
    assertThat(oss.stat("late")).isEmpty();
  }

  @Test
  void throttlingLowersTheConcurrencyInsteadOfAmplifyingTheLoad() throws IOException {
    server.faults().inject(Fault.error(503, "SlowDown").on(OssOperation.UPLOAD_PART).times(6));
    byte[] content = bytes(12 * PART);
    try (TransferEngine engine =
        TransferEngine.builder()
            .partSize(PART)
            .concurrency(8)
            .retry(new RetryPolicy(8, Duration.ofMillis(1), Duration.ofMillis(5)))
            .build()) {
      TransferResult result =
          engine.upload(Content.ofBytes(content), oss, "throttled", WriteOptions.DEFAULTS);
      EngineMetrics metrics = engine.metrics();
      assertThat(metrics.throttled()).isEqualTo(6);
      assertThat(result.retries()).isEqualTo(6);
      assertThat(metrics.concurrencyLimit()).as("lowered, not yet raised back").isLessThan(8);
    }
    assertThat(read(oss, "throttled")).isEqualTo(content);
  }

  @Test
  void aCancelledUploadIsAbortedAndLeavesNothing() throws Exception {
    CountDownLatch threePartsRead = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    InputStream source =
        new FilterInputStream(unknownLength(bytes(20 * PART))) {
          private long read;

          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            if (read >= 3 * PART) {
              threePartsRead.countDown();
              try {
                never.await(); // a source that blocks until the transfer is cancelled
              } catch (InterruptedException e) {
                throw new InterruptedIOException("cancelled");
              }
            }
            int n = super.read(b, off, len);
            read += Math.max(n, 0);
            return n;
          }
        };
    AtomicReference<Throwable> failure = new AtomicReference<>();
    try (TransferEngine engine = TransferEngine.builder().partSize(PART).build()) {
      Thread uploader =
          new Thread(
              () -> {
                try {
                  engine.upload(source, oss, "cancelled", WriteOptions.DEFAULTS);
                } catch (Throwable e) {
                  failure.set(e);
                }
              });
      uploader.start();
      assertThat(threePartsRead.await(30, TimeUnit.SECONDS)).isTrue();
      uploader.interrupt();
      uploader.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(uploader.isAlive()).isFalse();
    }
    assertThat(failure.get())
        .isInstanceOf(PermanentStorageException.class)
        .hasMessageContaining("cancelled");
    assertThat(server.uploadsInProgress("engine")).isZero();
    assertThat(oss.stat("cancelled")).isEmpty();
  }

  @Test
  void journalsAnUploadWhoseAbortFailedAndSweepsItLater() {
    Path journal = temp.resolve("journal/aborts");
    server
        .faults()
        .inject(Fault.error(403, "AccessDenied").on(OssOperation.UPLOAD_PART).times(100_000))
        .inject(
            Fault.error(403, "AccessDenied")
                .on(OssOperation.ABORT_MULTIPART_UPLOAD)
                .times(100_000));
    try (TransferEngine engine =
        TransferEngine.builder().partSize(PART).abortJournal(journal).build()) {
      assertThatThrownBy(
              () ->
                  engine.upload(
                      Content.ofBytes(bytes(3 * PART)), oss, "orphan", WriteOptions.DEFAULTS))
          .isInstanceOf(PermissionDeniedException.class)
          .satisfies(e -> assertThat(e.getSuppressed()).isNotEmpty());
      server.faults().clear();
      assertThat(server.uploadsInProgress("engine")).isEqualTo(1);
      assertThat(journal).exists();

      SweepResult swept = engine.sweep(oss, "", Duration.ofDays(1));

      assertThat(swept.found()).as("journaled, though young").isEqualTo(1);
      assertThat(swept.aborted()).isEqualTo(1);
      assertThat(server.uploadsInProgress("engine")).isZero();
      assertThat(engine.sweep(oss, "", Duration.ofDays(1)).found())
          .as("the journal forgets what was swept")
          .isZero();
    }
  }

  @Test
  void sweepsUploadsOlderThanTheThresholdOnly() {
    MultipartUpload abandoned = oss.initiateMultipart("old/a", WriteOptions.DEFAULTS);
    oss.initiateMultipart("other/b", WriteOptions.DEFAULTS);
    try (TransferEngine engine = TransferEngine.create()) {
      assertThat(engine.sweep(oss, "old/", Duration.ofHours(1)).found()).as("too young").isZero();
      SweepResult swept = engine.sweep(oss, "old/", Duration.ZERO);
      assertThat(swept.aborted()).isEqualTo(1);
      assertThat(oss.listMultipartUploads(""))
          .extracting(MultipartUpload::key)
          .containsExactly("other/b");
      assertThat(oss.listMultipartUploads(""))
          .noneMatch(u -> u.uploadId().equals(abandoned.uploadId()));
    }
  }

  @Test
  void aCreateOnlyWriteWhoseAnswerWasLostIsRecognisedAsOurs() throws IOException {
    byte[] content = bytes(1_000);
    server.faults().inject(Fault.resetAfterExecution().on(OssOperation.PUT_OBJECT).times(1));
    try (TransferEngine engine =
        TransferEngine.builder()
            .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(5)))
            .build()) {
      TransferResult result =
          engine.upload(
              Content.ofBytes(content),
              oss,
              "once",
              WriteOptions.builder().createOnly(true).build());
      assertThat(result.retries()).isEqualTo(1);
    }
    assertThat(read(oss, "once")).isEqualTo(content);
  }

  @Test
  void sendsAgainWhatTheStoreRecordsOtherwiseThanItWasSent() throws IOException {
    try (FaultyStore store = new FaultyStore(Stores.filesystem(temp.resolve("fs")));
        TransferEngine engine = TransferEngine.builder().partSize(PART).concurrency(1).build()) {
      byte[] single = bytes(PART / 2);
      store.inject(FaultyStore.Kind.FLIP_BYTE_ON_WRITE, "single", 1);
      TransferResult written =
          engine.upload(Content.ofBytes(single), store, "single", WriteOptions.DEFAULTS);
      assertThat(written.retries()).as("the corrupted write sent again").isEqualTo(1);
      assertThat(read(store, "single")).isEqualTo(single);

      byte[] parts = bytes(3 * PART);
      store.inject(FaultyStore.Kind.FLIP_BYTE_ON_WRITE, "parts", 1);
      written = engine.upload(Content.ofBytes(parts), store, "parts", WriteOptions.DEFAULTS);
      assertThat(written.retries()).as("the corrupted part sent again").isEqualTo(1);
      assertThat(read(store, "parts")).isEqualTo(parts);
      assertThat(store.fired()).containsEntry(FaultyStore.Kind.FLIP_BYTE_ON_WRITE, 2);
      assertThat(store.listMultipartUploads("")).isEmpty();
    }
  }

  @Test
  void keepsTheOldObjectWhenEveryAttemptIsCorrupted() throws IOException {
    try (FaultyStore store = new FaultyStore(Stores.filesystem(temp.resolve("fs")));
        TransferEngine engine =
            TransferEngine.builder()
                .retry(new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2)))
                .build()) {
      byte[] good = bytes(PART / 3);
      engine.upload(Content.ofBytes(good), store, "bad", WriteOptions.DEFAULTS);
      store.inject(FaultyStore.Kind.FLIP_BYTE_ON_WRITE, "bad", 1_000, 1);
      assertThatThrownBy(
              () ->
                  engine.upload(
                      Content.ofBytes(bytes(PART / 2)), store, "bad", WriteOptions.DEFAULTS))
          .isInstanceOf(IntegrityException.class)
          .hasMessageContaining("where the write expects");
      // the store checked the CRC-32C the engine computed before the bytes left, so no damaged
      // copy ever replaced the good one
      assertThat(read(store, "bad")).as("the previous version").isEqualTo(good);
    }
  }

  @Test
  void keepsToABandwidthLimitWithoutLosingBytes() throws IOException {
    byte[] content = bytes(2 * PART);
    Path file = temp.resolve("limited");
    Files.write(file, content);
    try (TransferEngine engine =
        TransferEngine.builder().partSize(PART).bandwidthLimit(100L * 1024 * 1024).build()) {
      engine.upload(file, oss, "limited", WriteOptions.DEFAULTS);
    }
    assertThat(read(oss, "limited")).isEqualTo(content);
  }
}
