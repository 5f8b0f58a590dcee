package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.oss.server.OssServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A source file rewritten in place while it is copied (what {@code dd conv=notrunc} does to a file
 * being backed up) fails its copy with an error naming it, and nothing is stored: no object, no
 * upload left open; the other files of the batch are copied. The rewrite happens on an event of the
 * copy (its first part done, or its start), never after a sleep.
 */
class ChangingSourceTest {
  private static final int PART = 256 * 1024;

  @TempDir Path temp;
  private OssServer server;
  private ObjectStore oss;
  private Path sourceRoot;
  private ObjectStore files;

  @BeforeEach
  void open() throws IOException {
    server = OssServer.builder().build().start();
    oss = Stores.oss(server, "engine", "changing");
    sourceRoot = Files.createDirectories(temp.resolve("source"));
    files = Stores.filesystem(sourceRoot);
  }

  @AfterEach
  void close() {
    files.close();
    oss.close();
    server.close();
  }

  @Test
  void aFileRewrittenDuringItsMultipartCopyIsNotStoredAndTheOthersAre() throws IOException {
    writtenADayAgo(sourceRoot.resolve("big.db"), Stores.bytes(20 * PART));
    writtenADayAgo(sourceRoot.resolve("a.txt"), Stores.bytes(1000));
    writtenADayAgo(sourceRoot.resolve("b.txt"), Stores.bytes(2000));
    AtomicBoolean rewritten = new AtomicBoolean();
    TransferListener rewriteBigOnItsFirstPart =
        progress -> {
          if (progress.key().equals("big.db") && rewritten.compareAndSet(false, true)) {
            rewriteInPlace(sourceRoot.resolve("big.db"));
          }
        };
    try (TransferEngine engine =
        TransferEngine.builder()
            .partSize(PART)
            .concurrency(2)
            .listener(rewriteBigOnItsFirstPart)
            .build()) {
      BatchResult result = engine.copyAll(files, "", oss, "", WriteOptions.DEFAULTS);

      assertThat(rewritten).isTrue();
      assertThat(result.failures().keySet())
          .as(String.valueOf(result.failures()))
          .containsExactly("big.db");
      assertThat(result.objects()).as("the unchanged files were copied").isEqualTo(2);
      assertThat(result.failures()).containsOnlyKeys("big.db");
      StorageException failure = result.failures().get("big.db");
      assertThat(failure).isInstanceOf(PermanentStorageException.class);
      assertThat(failure.getMessage())
          .contains("(key 'big.db')")
          .contains("changed while it was read; nothing was stored");
      assertThat(oss.stat("big.db")).as("no object under the name").isEmpty();
      assertThat(oss.listMultipartUploads("")).as("no upload left open").isEmpty();
      assertThat(oss.stat("a.txt")).isPresent();
    }
  }

  @Test
  void aFileRewrittenBeforeItsSingleWriteEndsIsRemoved() throws IOException {
    Path small = writtenADayAgo(sourceRoot.resolve("small.txt"), Stores.bytes(PART / 2));
    TransferListener rewriteOnStart =
        new TransferListener() {
          @Override
          public void onProgress(TransferProgress progress) {}

          @Override
          public void onStarted(String key) {
            rewriteInPlace(small);
          }
        };
    try (TransferEngine engine =
        TransferEngine.builder().partSize(PART).listener(rewriteOnStart).build()) {
      assertThatThrownBy(
              () -> engine.copy(files, "small.txt", oss, "small.txt", WriteOptions.DEFAULTS))
          .isInstanceOf(PermanentStorageException.class)
          .hasMessageContaining("changed while it was read");
      assertThat(oss.stat("small.txt")).as("the copy was removed").isEmpty();
    }
  }

  @Test
  void aLocalFileRewrittenDuringItsUploadIsNotStored() throws IOException {
    Path big = writtenADayAgo(temp.resolve("upload.db"), Stores.bytes(12 * PART));
    AtomicBoolean rewritten = new AtomicBoolean();
    try (TransferEngine engine =
        TransferEngine.builder()
            .partSize(PART)
            .concurrency(2)
            .listener(
                progress -> {
                  if (rewritten.compareAndSet(false, true)) {
                    rewriteInPlace(big);
                  }
                })
            .build()) {
      assertThatThrownBy(() -> engine.upload(big, oss, "upload.db", WriteOptions.DEFAULTS))
          .isInstanceOf(PermanentStorageException.class)
          .hasMessageContaining("(key 'upload.db')")
          .hasMessageContaining("changed while it was read");
      assertThat(oss.stat("upload.db")).isEmpty();
      assertThat(oss.listMultipartUploads("")).isEmpty();
    }
  }

  /**
   * Writes a source file dated a day back, as a file written before the backup began is. The
   * kernel's file times are coarse (a clock tick): a rewrite within the tick of the first write
   * would keep the same time, which no check of times can see.
   */
  private static Path writtenADayAgo(Path file, byte[] bytes) throws IOException {
    Files.write(file, bytes);
    Files.setLastModifiedTime(
        file, FileTime.from(Files.getLastModifiedTime(file).toInstant().minusSeconds(86_400)));
    return file;
  }

  /** Overwrites the first bytes of a file in place, keeping its size, as dd conv=notrunc does. */
  private static void rewriteInPlace(Path file) {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[4096]), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
