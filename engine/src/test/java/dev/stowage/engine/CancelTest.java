package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TransferEngine#cancel} from Java, as the CLI's shutdown hook calls it: the transfers in
 * progress fail saying they were cancelled, their multipart uploads are aborted and gone, a batch
 * stops taking files, later transfers fail at once without a request, and an upload whose abort
 * cannot finish in time goes to the abort journal. The cancel happens on an event of the transfer
 * (its first part done), never after a sleep.
 */
class CancelTest {
  private static final int PART = 256 * 1024;

  @TempDir Path temp;
  private OssServer server;
  private ObjectStore oss;

  @BeforeEach
  void open() throws IOException {
    server = OssServer.builder().build().start();
    oss = Stores.oss(server, "engine", "cancel");
  }

  @AfterEach
  void close() {
    oss.close();
    server.close();
  }

  @Test
  void aCancelledUploadIsAbortedAndLaterTransfersFailAtOnce() throws Exception {
    Path big = Files.write(temp.resolve("big.db"), Stores.bytes(40 * PART));
    CountDownLatch firstPart = new CountDownLatch(1);
    try (TransferEngine engine = slowEngine(progress -> firstPart.countDown())) {
      CompletableFuture<TransferResult> upload =
          CompletableFuture.supplyAsync(
              () -> engine.upload(big, oss, "big.db", WriteOptions.DEFAULTS));
      assertThat(firstPart.await(60, TimeUnit.SECONDS)).as("a part was sent").isTrue();

      CancelReport report = engine.cancel(Duration.ofSeconds(30));

      assertThat(report).isEqualTo(new CancelReport(1, 1, true, 0, 0));
      assertThat(report.describe())
          .isEqualTo("cancelled 1 transfer; 1 multipart upload aborted; nothing left behind");
      assertThatThrownBy(upload::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(PermanentStorageException.class)
          .hasMessageContaining("(key 'big.db')")
          .hasMessageContaining("the transfer was cancelled; nothing was kept");
      assertThat(server.uploadsInProgress("engine")).as("uploads left open").isZero();
      assertThat(oss.stat("big.db")).as("an object under the name").isEmpty();

      long requests = totalRequests();
      assertThatThrownBy(() -> engine.upload(big, oss, "again.db", WriteOptions.DEFAULTS))
          .isInstanceOf(PermanentStorageException.class)
          .hasMessageContaining("cancelled");
      assertThat(totalRequests()).as("requests sent after the cancel").isEqualTo(requests);
    }
  }

  @Test
  void aCancelledBatchStopsTakingFiles() throws Exception {
    Path folder = Files.createDirectories(temp.resolve("folder"));
    for (int i = 0; i < 40; i++) {
      Files.write(folder.resolve("f" + i), Stores.bytes(PART / 4));
    }
    CountDownLatch firstFile = new CountDownLatch(1);
    try (TransferEngine engine =
        slowEngine(
            new TransferListener() {
              @Override
              public void onProgress(TransferProgress progress) {}

              @Override
              public void onTransferred(TransferResult result) {
                firstFile.countDown();
              }
            })) {
      CompletableFuture<BatchResult> batch =
          CompletableFuture.supplyAsync(
              () -> engine.uploadAll(folder, oss, "batch/", WriteOptions.DEFAULTS));
      assertThat(firstFile.await(60, TimeUnit.SECONDS)).as("a file was copied").isTrue();

      CancelReport report = engine.cancel(Duration.ofSeconds(30));

      assertThat(report.allEnded()).isTrue();
      assertThat(report.openUploads()).isZero();
      assertThatThrownBy(batch::join).cause().isInstanceOf(CancellationException.class);
      assertThat(oss.list(dev.stowage.api.ListRequest.of("batch/")).objects())
          .as("files copied")
          .hasSizeBetween(1, 39);
    }
  }

  @Test
  void anUploadWhoseAbortOutlastsTheBoundIsJournaledForSweep() throws Exception {
    Path big = Files.write(temp.resolve("big.db"), Stores.bytes(40 * PART));
    Path journal = temp.resolve("journal");
    server
        .faults()
        .inject(Fault.stall(Duration.ofMinutes(5)).on(OssOperation.ABORT_MULTIPART_UPLOAD));
    CountDownLatch firstPart = new CountDownLatch(1);
    try (TransferEngine engine =
        TransferEngine.builder()
            .partSize(PART)
            .concurrency(2)
            .bandwidthLimit(PART * 4L)
            .abortJournal(journal)
            .listener(progress -> firstPart.countDown())
            .build()) {
      CompletableFuture<TransferResult> upload =
          CompletableFuture.supplyAsync(
              () -> engine.upload(big, oss, "big.db", WriteOptions.DEFAULTS));
      assertThat(firstPart.await(60, TimeUnit.SECONDS)).as("a part was sent").isTrue();

      CancelReport report = engine.cancel(Duration.ZERO);

      assertThat(report.allEnded()).isFalse();
      assertThat(report.openUploads()).isEqualTo(1);
      assertThat(report.journaledUploads()).isEqualTo(1);
      assertThat(report.describe())
          .endsWith("1 upload still open, 1 of them journaled for 'stowage sweep'");
      String uploadId = oss.listMultipartUploads("").get(0).uploadId();
      assertThat(Files.readString(journal)).contains(uploadId);

      // the stalled abort then fails with the server gone; the upload ends and is journaled once
      server.close();
      assertThatThrownBy(() -> upload.get(2, TimeUnit.MINUTES))
          .isInstanceOf(ExecutionException.class);
      assertThat(Files.readAllLines(journal)).as("journal lines").hasSize(1);
    }
  }

  /** An engine held to four parts a second, so that a transfer is still running when cancelled. */
  private static TransferEngine slowEngine(TransferListener listener) {
    return TransferEngine.builder()
        .partSize(PART)
        .concurrency(2)
        .bandwidthLimit(PART * 4L)
        .listener(listener)
        .build();
  }

  private long totalRequests() {
    long total = 0;
    for (OssOperation operation : OssOperation.values()) {
      total += server.requests(operation);
    }
    return total;
  }
}
