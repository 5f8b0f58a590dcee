package dev.stowage.engine;

import static dev.stowage.engine.Stores.bytes;
import static dev.stowage.engine.Stores.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.WriteOptions;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files and objects of known length in parallel parts, and parallel ranged downloads, on the
 * filesystem provider and on provider-oss against oss-server, through injected failures.
 */
class ParallelTransfersTest {
  private static final int PART = 100 * 1024;
  private static final RetryPolicy QUICK =
      new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(5));

  @TempDir Path temp;
  private OssServer server;
  private ObjectStore filesystem;
  private ObjectStore oss;
  private final List<TransferProgress> progress = new CopyOnWriteArrayList<>();
  private TransferEngine engine;

  @BeforeEach
  void open() throws IOException {
    filesystem = Stores.filesystem(temp.resolve("fs"));
    server = OssServer.builder().build().start();
    oss = Stores.oss(server, "engine", "parallel");
    engine =
        TransferEngine.builder()
            .partSize(PART)
            .concurrency(4)
            .retry(QUICK)
            .listener(progress::add)
            .build();
  }

  @AfterEach
  void close() {
    engine.close();
    oss.close();
    filesystem.close();
    server.close();
  }

  private Path file(String name, byte[] content) throws IOException {
    Path file = temp.resolve(name);
    Files.write(file, content);
    return file;
  }

  @Test
  void uploadsAFileInParallelSlicesVerifiedByTheServersCrc64() throws IOException {
    byte[] content = bytes(7 * PART + 11);
    TransferResult result =
        engine.upload(file("seven", content), oss, "seven", WriteOptions.DEFAULTS);

    assertThat(read(oss, "seven")).isEqualTo(content);
    assertThat(result.parts()).isEqualTo(8);
    assertThat(result.checksums().get(ChecksumAlgorithm.CRC64ECMA))
        .as("the combined CRC-64 of the parts is the server's CRC-64 of the object")
        .isEqualTo(oss.stat("seven").orElseThrow().checksums().get(ChecksumAlgorithm.CRC64ECMA));
    assertThat(server.uploadsInProgress("engine")).isZero();
    assertThat(progress).hasSize(8);
    assertThat(progress.get(progress.size() - 1).totalBytes()).isEqualTo(content.length);
    assertThat(progress.stream().mapToLong(TransferProgress::stepBytes).sum())
        .isEqualTo(content.length);
  }

  @Test
  void resendsAPartThatFailedTwiceFromItsSlice() throws IOException {
    byte[] content = bytes(3 * PART);
    server
        .faults()
        .inject(Fault.resetBeforeResponse().on(OssOperation.UPLOAD_PART).times(1))
        .inject(Fault.error(500, "InternalError").on(OssOperation.UPLOAD_PART).times(1));

    TransferResult result =
        engine.upload(file("three", content), oss, "three", WriteOptions.DEFAULTS);

    assertThat(result.retries()).isEqualTo(2);
    assertThat(read(oss, "three")).isEqualTo(content);
    assertThat(server.uploadsInProgress("engine")).isZero();
  }

  @Test
  void abortsAndKeepsNothingWhenAPartFailsForGood() throws IOException {
    server
        .faults()
        .inject(Fault.error(403, "AccessDenied").on(OssOperation.UPLOAD_PART).times(1_000));

    assertThatThrownBy(
            () ->
                engine.upload(
                    file("denied", bytes(5 * PART)), oss, "denied", WriteOptions.DEFAULTS))
        .isInstanceOf(PermissionDeniedException.class);
    server.faults().clear();
    assertThat(server.uploadsInProgress("engine")).isZero();
    assertThat(oss.stat("denied")).isEmpty();
  }

  @Test
  void copiesBetweenProvidersInRangedPartsBothWays() throws IOException {
    byte[] content = bytes(4 * PART + 3);
    filesystem.put("origin", Content.ofBytes(content), WriteOptions.DEFAULTS);

    TransferResult up = engine.copy(filesystem, "origin", oss, "copied", WriteOptions.DEFAULTS);
    TransferResult down = engine.copy(oss, "copied", filesystem, "back", WriteOptions.DEFAULTS);

    assertThat(up.parts()).isEqualTo(5);
    assertThat(down.parts()).isEqualTo(5);
    assertThat(read(filesystem, "back")).isEqualTo(content);
    assertThat(down.crc32c()).isEqualTo(up.crc32c());
    assertThat(filesystem.listMultipartUploads("")).isEmpty();
    assertThat(server.uploadsInProgress("engine")).isZero();
  }

  @Test
  void downloadsInParallelRangesAndResumesACutRange() throws IOException {
    byte[] content = bytes(6 * PART + 17);
    oss.put("big", Content.ofBytes(content), WriteOptions.DEFAULTS);
    server
        .faults()
        .inject(Fault.truncateResponseBody(PART / 3).on(OssOperation.GET_OBJECT).times(2));
    Path target = temp.resolve("down/big.bin");

    TransferResult result = engine.download(oss, "big", target);

    assertThat(Files.readAllBytes(target)).isEqualTo(content);
    assertThat(result.parts()).isEqualTo(7);
    assertThat(result.retries()).isEqualTo(2);
    assertThat(server.faults().fired(OssOperation.GET_OBJECT)).isEqualTo(2);
    assertThat(result.checksums().get(ChecksumAlgorithm.CRC64ECMA))
        .isEqualTo(oss.stat("big").orElseThrow().checksums().get(ChecksumAlgorithm.CRC64ECMA));
    assertThat(filesIn(temp.resolve("down"))).containsExactly(target);
  }

  @Test
  void aByteFlippedOnceIsReadAgainAndTheDownloadHoldsTheObject() throws IOException {
    byte[] content = bytes(3 * PART);
    oss.put("rot-once", Content.ofBytes(content), WriteOptions.DEFAULTS);
    server.faults().inject(Fault.corruptResponseBody(1_000).on(OssOperation.GET_OBJECT).times(1));
    Path target = temp.resolve("down/rot-once");

    engine.download(oss, "rot-once", target);

    assertThat(server.faults().fired(Fault.Kind.CORRUPT_BODY)).isEqualTo(1);
    assertThat(Files.readAllBytes(target)).isEqualTo(content);
  }

  @Test
  void aByteFlippedOnEveryReadFailsTheDownloadAndLeavesNoFile() throws IOException {
    oss.put("rot", Content.ofBytes(bytes(3 * PART)), WriteOptions.DEFAULTS);
    server
        .faults()
        .inject(Fault.corruptResponseBody(1_000).on(OssOperation.GET_OBJECT).times(1_000));
    Path target = temp.resolve("down/rot");

    assertThatThrownBy(() -> engine.download(oss, "rot", target))
        .isInstanceOf(IntegrityException.class)
        .hasMessageContaining("CRC-64/ECMA");
    assertThat(filesIn(temp.resolve("down"))).isEmpty();
  }

  @Test
  void aRangeThatKeepsFailingFailsTheDownloadAndLeavesNoFile() throws IOException {
    oss.put("cut", Content.ofBytes(bytes(3 * PART)), WriteOptions.DEFAULTS);
    server.faults().inject(Fault.truncateResponseBody(10).on(OssOperation.GET_OBJECT).times(1_000));
    Path target = temp.resolve("down/cut");

    assertThatThrownBy(() -> engine.download(oss, "cut", target))
        .isInstanceOf(PermanentStorageException.class)
        .hasMessageContaining("failed 4 times");
    assertThat(filesIn(temp.resolve("down"))).isEmpty();
  }

  @Test
  void downloadsFromTheFilesystemAndRefusesAMissingObject() throws IOException {
    byte[] content = bytes(2 * PART + 1);
    filesystem.put("f", Content.ofBytes(content), WriteOptions.DEFAULTS);
    Path target = temp.resolve("down/f");
    engine.download(filesystem, "f", target);
    assertThat(Files.readAllBytes(target)).isEqualTo(content);

    assertThatThrownBy(() -> engine.download(filesystem, "missing", temp.resolve("down/m")))
        .isInstanceOf(ObjectNotFoundException.class)
        .hasMessageContaining("missing");
    assertThat(filesIn(temp.resolve("down"))).containsExactly(target);
  }

  @Test
  void downloadsAnEmptyObject() throws IOException {
    oss.put("empty", Content.ofBytes(new byte[0]), WriteOptions.DEFAULTS);
    Path target = temp.resolve("down/empty");
    engine.download(oss, "empty", target);
    assertThat(Files.size(target)).isZero();
  }

  private static List<Path> filesIn(Path directory) throws IOException {
    if (!Files.exists(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.toList();
    }
  }
}
