package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stowage.api.Content;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.oss.server.Fault;
import dev.stowage.oss.server.OssOperation;
import dev.stowage.oss.server.OssServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The resume journal in one JVM: an upload whose parts stopped being accepted and whose abort
 * failed too (what a kill leaves, as far as the store can tell) is continued by the next engine
 * with the same journal, which keeps the stored parts that match the file and sends only the rest;
 * a journal file that is not one, or a source changed since, starts over.
 */
class UploadResumeTest {
  private static final int PART = 256 * 1024;
  private static final int PARTS = 24;

  @TempDir Path temp;
  private OssServer server;
  private ObjectStore oss;
  private Path journal;

  @BeforeEach
  void open() throws IOException {
    server = OssServer.builder().build().start();
    oss = Stores.oss(server, "engine", "resume");
    journal = temp.resolve("uploads");
  }

  @AfterEach
  void close() {
    oss.close();
    server.close();
  }

  @Test
  void continuesTheUploadAFailedRunLeftAndSendsOnlyTheRest() throws IOException {
    Path file = Files.write(temp.resolve("db.dump"), Stores.bytes(PARTS * PART + 1000));
    leaveAnUploadBehind(file, "db.dump");
    long partsBefore = server.requests(OssOperation.UPLOAD_PART);
    List<String> heard = new ArrayList<>();
    AtomicLong kept = new AtomicLong(-1);

    try (TransferEngine engine = engine(recording(heard, kept))) {
      TransferResult result = engine.upload(file, oss, "db.dump", WriteOptions.DEFAULTS);

      assertThat(Stores.read(oss, "db.dump")).isEqualTo(Files.readAllBytes(file));
      assertThat(result.checksums()).isNotEmpty();
    }
    assertContinued(partsBefore, kept.get(), heard);
  }

  @Test
  void continuesACopyFromAnotherStoreThatAFailedRunLeft() throws IOException {
    byte[] bytes = Stores.bytes(PARTS * PART + 1000);
    try (OssServer elsewhere = OssServer.builder().build().start();
        ObjectStore source = Stores.oss(elsewhere, "source", "")) {
      source.put("db.dump", Content.ofBytes(bytes), WriteOptions.DEFAULTS);
      leaveAnUploadBehind(
          engine -> engine.copy(source, "db.dump", oss, "db.dump", WriteOptions.DEFAULTS));
      long partsBefore = server.requests(OssOperation.UPLOAD_PART);
      List<String> heard = new ArrayList<>();
      AtomicLong kept = new AtomicLong(-1);

      try (TransferEngine engine = engine(recording(heard, kept))) {
        engine.copy(source, "db.dump", oss, "db.dump", WriteOptions.DEFAULTS);
      }

      assertThat(Stores.read(oss, "db.dump")).isEqualTo(bytes);
      assertContinued(partsBefore, kept.get(), heard);
    }
  }

  /** The rerun kept stored parts, sent only the others, and left no upload and no note. */
  private void assertContinued(long partsBefore, long keptBytes, List<String> heard) {
    long sent = server.requests(OssOperation.UPLOAD_PART) - partsBefore;
    assertThat(keptBytes).as("bytes kept").isPositive();
    assertThat(sent).as("parts sent again").isEqualTo(PARTS + 1 - keptBytes / PART);
    assertThat(heard).noneMatch(event -> event.startsWith("restarted"));
    assertThat(server.uploadsInProgress("engine")).as("uploads left").isZero();
    assertThat(notes()).as("journal files left").isEmpty();
  }

  @Test
  void aCopyWhoseSourceWasReplacedSinceStartsOver() throws IOException {
    try (OssServer elsewhere = OssServer.builder().build().start();
        ObjectStore source = Stores.oss(elsewhere, "source", "")) {
      source.put("db.dump", Content.ofBytes(Stores.bytes(PARTS * PART)), WriteOptions.DEFAULTS);
      leaveAnUploadBehind(
          engine -> engine.copy(source, "db.dump", oss, "db.dump", WriteOptions.DEFAULTS));
      byte[] replaced = Stores.bytes(PARTS * PART);
      replaced[0] ^= 1;
      source.put("db.dump", Content.ofBytes(replaced), WriteOptions.DEFAULTS);
      List<String> heard = new ArrayList<>();

      try (TransferEngine engine = engine(recording(heard, new AtomicLong()))) {
        engine.copy(source, "db.dump", oss, "db.dump", WriteOptions.DEFAULTS);
      }

      assertThat(heard)
          .containsExactly("restarted the source changed since the interrupted upload");
      assertThat(Stores.read(oss, "db.dump")).isEqualTo(replaced);
      assertThat(server.uploadsInProgress("engine")).as("the old upload was aborted").isZero();
    }
  }

  @Test
  void aSourceChangedSinceStartsOverAndAbortsTheOldUpload() throws IOException {
    Path file = Files.write(temp.resolve("db.dump"), Stores.bytes(PARTS * PART));
    leaveAnUploadBehind(file, "db.dump");
    byte[] changed = Stores.bytes(PARTS * PART);
    changed[PARTS * PART - 1] ^= 1; // the last MiB differs; size may even stay the same
    Files.write(file, changed);
    List<String> heard = new ArrayList<>();

    try (TransferEngine engine = engine(recording(heard, new AtomicLong()))) {
      engine.upload(file, oss, "db.dump", WriteOptions.DEFAULTS);
    }

    assertThat(heard).containsExactly("restarted the source changed since the interrupted upload");
    assertThat(Stores.read(oss, "db.dump")).isEqualTo(changed);
    assertThat(server.uploadsInProgress("engine")).as("the old upload was aborted").isZero();
    assertThat(notes()).isEmpty();
  }

  @Test
  void aJournalFileThatIsNoJournalIsIgnored() throws IOException {
    Path file = Files.write(temp.resolve("db.dump"), Stores.bytes(PARTS * PART));
    leaveAnUploadBehind(file, "db.dump");
    for (Path note : notes()) {
      Files.writeString(note, "format=stowage-resume-1\ntarget=\\u00zz broken\n");
    }
    List<String> heard = new ArrayList<>();

    try (TransferEngine engine = engine(recording(heard, new AtomicLong()))) {
      engine.upload(file, oss, "db.dump", WriteOptions.DEFAULTS);
    }

    assertThat(heard).isEmpty();
    assertThat(Stores.read(oss, "db.dump")).isEqualTo(Files.readAllBytes(file));
  }

  private void leaveAnUploadBehind(Path file, String key) {
    leaveAnUploadBehind(engine -> engine.upload(file, oss, key, WriteOptions.DEFAULTS));
  }

  /** Uploads until half of the parts are stored, then refuses every part and every abort. */
  private void leaveAnUploadBehind(java.util.function.Consumer<TransferEngine> upload) {
    AtomicBoolean refused = new AtomicBoolean();
    TransferListener refuseAtHalf =
        progress -> {
          if (progress.transferredBytes() >= PARTS / 2 * PART
              && refused.compareAndSet(false, true)) {
            server
                .faults()
                .inject(
                    Fault.error(403, "AccessDenied")
                        .on(OssOperation.UPLOAD_PART, OssOperation.ABORT_MULTIPART_UPLOAD)
                        .times(Integer.MAX_VALUE));
          }
        };
    try (TransferEngine engine = engine(refuseAtHalf)) {
      assertThatThrownBy(() -> upload.accept(engine)).isInstanceOf(StorageException.class);
    } finally {
      server.faults().clear();
    }
    assertThat(server.uploadsInProgress("engine")).as("the upload left behind").isEqualTo(1);
    assertThat(notes()).as("its note").hasSize(1);
  }

  private TransferEngine engine(TransferListener listener) {
    return TransferEngine.builder()
        .partSize(PART)
        .concurrency(2)
        .resumeJournal(journal)
        .listener(listener)
        .build();
  }

  private static TransferListener recording(List<String> heard, AtomicLong kept) {
    return new TransferListener() {
      @Override
      public void onProgress(TransferProgress progress) {}

      @Override
      public void onResumed(String key, long keptBytes, long totalBytes) {
        kept.set(keptBytes);
      }

      @Override
      public void onRestarted(String key, String reason) {
        synchronized (heard) {
          heard.add("restarted " + reason);
        }
      }
    };
  }

  private List<Path> notes() {
    if (!Files.isDirectory(journal)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(journal)) {
      return files.filter(f -> f.toString().endsWith(".upload")).toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
