package dev.stowage.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileMetadataTest {
  @TempDir Path temp;

  @Test
  void aFilesTimeAndPermissionsComeBackOnAnotherFile() throws IOException {
    assumePosix();
    Path source = Files.writeString(temp.resolve("source"), "x");
    Instant modified = Instant.parse("2020-01-02T03:04:05.123456789Z");
    Files.setLastModifiedTime(source, FileTime.from(modified));
    Files.setPosixFilePermissions(source, PosixFilePermissions.fromString("rwxr-x---"));

    Map<String, String> metadata = FileMetadata.of(source);
    assertThat(metadata)
        .containsEntry(FileMetadata.MTIME, "1577934245.123456789")
        .containsEntry(FileMetadata.MODE, "750");

    Path copy = Files.writeString(temp.resolve("copy"), "x");
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-rw-rw-"));
    FileMetadata.restore(copy, metadata);
    assertThat(Files.getLastModifiedTime(copy).toInstant()).isEqualTo(modified);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
        .isEqualTo("rwxr-x---");
  }

  @Test
  void theUmaskOfTheNewFileStillHoldsAndOnlyTheNineBitsAreRestored() throws IOException {
    assumePosix();
    Path copy = Files.writeString(temp.resolve("copy"), "x");
    // as created under umask 027: no permission for others, none to write for the group
    Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r-----"));
    // set-user-ID, and every bit: what a hostile store might record
    FileMetadata.restore(copy, Map.of(FileMetadata.MODE, "4777"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copy)))
        .as("execute follows read; the umask's bits stay clear; no set-user-ID")
        .isEqualTo("rwxr-x---");
  }

  @Test
  void valuesThatDoNotParseAreIgnored() throws IOException {
    assumePosix();
    Path file = Files.writeString(temp.resolve("file"), "x");
    FileTime before = Files.getLastModifiedTime(file);
    String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    for (String mtime : new String[] {"yesterday", "1e400", "NaN", "", "-"}) {
      for (String mode : new String[] {"rwx", "9", "-1", "12345678", ""}) {
        FileMetadata.restore(file, Map.of(FileMetadata.MTIME, mtime, FileMetadata.MODE, mode));
      }
    }
    assertThat(Files.getLastModifiedTime(file)).isEqualTo(before);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo(permissions);
  }

  @Test
  void readsWholeSecondsFractionsAndIsoInstants() {
    assertThat(FileMetadata.modified(Map.of(FileMetadata.MTIME, "1577934245")))
        .contains(Instant.parse("2020-01-02T03:04:05Z"));
    assertThat(FileMetadata.modified(Map.of(FileMetadata.MTIME, "1577934245.5")))
        .contains(Instant.parse("2020-01-02T03:04:05.5Z"));
    assertThat(FileMetadata.modified(Map.of(FileMetadata.MTIME, "-1.25")))
        .contains(Instant.parse("1969-12-31T23:59:58.75Z"));
    assertThat(FileMetadata.modified(Map.of(FileMetadata.MTIME, "2020-01-02T03:04:05Z")))
        .contains(Instant.parse("2020-01-02T03:04:05Z"));
    assertThat(FileMetadata.modified(Map.of())).isEmpty();
  }

  private static void assumePosix() {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions: this file system has none");
  }
}
