package dev.stowage.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stowage.api.MultipartUpload;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a writer killed while it wrote a journal entry leaves, and who removes it. */
class ResumeJournalTest {
  private static final String TARGET = "oss://bucket/";

  @TempDir Path directory;

  @Test
  void theTemporaryFileOfAKilledWriterGoesWithTheNextCleanupUnlessItsKeyIsBeingRecorded()
      throws IOException {
    ResumeJournal journal = new ResumeJournal(directory);
    Path abandoned = temporaryFileOf(journal, "abandoned.bin");
    Path recording = temporaryFileOf(journal, "recording.bin");
    Optional<Closeable> running = journal.claim(TARGET, "recording.bin");
    assertThat(running).as("a run recording the second key now").isPresent();

    journal.forget(entry -> false);

    assertThat(abandoned).as("left by a writer that is gone").doesNotExist();
    assertThat(recording).as("being written by a run that holds its key").exists();
    assertThat(entries()).as("the entries themselves").hasSize(2);
    running.get().close();
    journal.forget(entry -> false);
    assertThat(recording).doesNotExist();
  }

  /** Records an entry for the key, and leaves a temporary file beside it as a kill would. */
  private Path temporaryFileOf(ResumeJournal journal, String key) throws IOException {
    List<Path> before = entries();
    journal.record(
        new ResumeJournal.Entry(
            TARGET,
            MultipartUpload.builder(key, "id-" + key).initiated(Instant.EPOCH).build(),
            1024,
            "file /tmp/" + key));
    Path entry = entries().stream().filter(e -> !before.contains(e)).findFirst().orElseThrow();
    return Files.writeString(
        directory.resolve("." + entry.getFileName() + ".0b7c9f0e-1d2a-4c3b-9e8f-123456789abc.tmp"),
        "format=stowage-resume-1\ntarget=");
  }

  private List<Path> entries() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".upload")).toList();
    }
  }
}
