package dev.stowage.engine;

import dev.stowage.api.MultipartUpload;
import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * The multipart uploads a killed process may have left for a rerun to continue: one small file per
 * upload in a directory, named by a hash of the target and key, written atomically and fsync'd
 * before the first part is sent, removed once the upload is completed or aborted. A file holds the
 * target's redacted location, the key, the upload (id, start, create-only, the provider's state),
 * the part size and the source's identity; never a secret, never the bytes. The format is {@code
 * java.util.Properties}, described in docs/resume.md.
 */
final class ResumeJournal {
  static final String FORMAT = "stowage-resume-1";

  private final Path directory;

  ResumeJournal(Path directory) {
    this.directory = directory;
  }

  /** One upload that can be continued. */
  record Entry(String target, MultipartUpload upload, long partSize, String source) {}

  /** The entry for a key of a target, if a run that did not end left one. */
  Optional<Entry> find(String target, String key) {
    return read(fileOf(target, key))
        .filter(entry -> target.equals(entry.target()) && key.equals(entry.upload().key()));
  }

  /**
   * Removes the entries that match, such as those whose upload a sweep found gone, and the
   * temporary files of entries whose writer was killed mid-write (no running process holds their
   * key's claim).
   */
  void forget(Predicate<Entry> gone) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*.upload")) {
      for (Path file : files) {
        if (read(file).filter(gone).isPresent()) {
          Files.deleteIfExists(file);
          Files.deleteIfExists(file.resolveSibling(file.getFileName() + ".lock"));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the resume journal in " + directory, e);
    }
    removeAbandonedTemporaryFiles();
  }

  private void removeAbandonedTemporaryFiles() {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, ".*.upload.*.tmp")) {
      for (Path temporary : files) {
        String name = temporary.getFileName().toString();
        String entry = name.substring(1, name.indexOf(".upload.") + ".upload".length());
        Path lock = directory.resolve(entry + ".lock");
        Optional<Closeable> claim = FileClaim.tryClaim(lock);
        if (claim.isPresent()) {
          // no run is recording this key now: the writer of this file is gone
          try {
            Files.deleteIfExists(temporary);
          } finally {
            claim.get().close();
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the resume journal in " + directory, e);
    }
  }

  private static Optional<Entry> read(Path file) {
    Properties properties = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(in);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty(); // unreadable: the upload starts over, and the sweep finds it by age
    }
    try {
      if (!FORMAT.equals(properties.getProperty("format"))
          || properties.getProperty("target") == null) {
        return Optional.empty();
      }
      String key = properties.getProperty("key");
      MultipartUpload.Builder upload =
          MultipartUpload.builder(key, properties.getProperty("upload-id"))
              .initiated(Instant.parse(properties.getProperty("initiated")))
              .createOnly(Boolean.parseBoolean(properties.getProperty("create-only")));
      String state = properties.getProperty("state");
      if (state != null) {
        upload.state(state);
      }
      return Optional.of(
          new Entry(
              properties.getProperty("target"),
              upload.build(),
              Long.parseLong(properties.getProperty("part-size")),
              properties.getProperty("source", "")));
    } catch (RuntimeException e) { // a number, a time or the id missing or malformed
      return Optional.empty();
    }
  }

  /** Records an upload before its first part is sent; durable when this returns. */
  void record(Entry entry) {
    Properties properties = new Properties();
    properties.setProperty("format", FORMAT);
    properties.setProperty("target", entry.target());
    properties.setProperty("key", entry.upload().key());
    properties.setProperty("upload-id", entry.upload().uploadId());
    properties.setProperty("initiated", entry.upload().initiated().toString());
    properties.setProperty("create-only", String.valueOf(entry.upload().createOnly()));
    entry.upload().state().ifPresent(state -> properties.setProperty("state", state));
    properties.setProperty("part-size", String.valueOf(entry.partSize()));
    properties.setProperty("source", entry.source());
    Path file = fileOf(entry.target(), entry.upload().key());
    Path temporary = directory.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
    try {
      Files.createDirectories(directory);
      try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
        properties.store(out, "a multipart upload 'stowage cp' can continue; see docs/resume.md");
      }
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(temporary);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw new UncheckedIOException("cannot write the resume journal in " + directory, e);
    }
  }

  /**
   * Takes the right to continue or note the upload of a key, so that two runs copying the same key
   * at once never share an upload: the second goes without a resume.
   *
   * @return the right, to close when the upload ends; empty if another run holds it
   */
  Optional<Closeable> claim(String target, String key) {
    Path file = fileOf(target, key);
    Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
    try {
      Files.createDirectories(directory);
      return FileClaim.tryClaim(lockFile);
    } catch (IOException e) {
      return Optional.empty(); // no resume for this upload; the upload itself goes on
    }
  }

  /** Forgets the upload of a key, once it was completed or aborted. */
  void remove(String target, String key) {
    try {
      Files.deleteIfExists(fileOf(target, key));
    } catch (IOException e) {
      // a stale entry is harmless: its upload is gone, so a rerun starts over
    }
  }

  private Path fileOf(String target, String key) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(target.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) '\n');
      sha.update(key.getBytes(StandardCharsets.UTF_8));
      return directory.resolve(HexFormat.of().formatHex(sha.digest(), 0, 16) + ".upload");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
