package dev.stowage.engine;

import dev.stowage.api.MultipartUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A file of multipart uploads whose abort failed, one per line (location, key, upload id, when it
 * began; each URL-encoded, so no key can break a line), kept so that a later sweep aborts them.
 * Locations are recorded in their redacted form: no secret is ever written. Thread-safe within a
 * process.
 */
final class AbortJournal {
  private final Path file;

  AbortJournal(Path file) {
    this.file = file;
  }

  /** One journaled upload. */
  record Entry(String location, MultipartUpload upload) {}

  /**
   * Adds an upload, unless it is already there: an upload journaled by a cancel whose own abort
   * then fails is written once.
   */
  synchronized void record(String location, MultipartUpload upload) {
    if (entries().stream()
        .anyMatch(
            entry ->
                entry.location().equals(location)
                    && entry.upload().uploadId().equals(upload.uploadId()))) {
      return;
    }
    String line = line(new Entry(location, upload));
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(
          file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the abort journal " + file, e);
    }
  }

  synchronized List<Entry> entries() {
    List<Entry> entries = new ArrayList<>();
    if (!Files.exists(file)) {
      return entries;
    }
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String[] fields = line.split("\t");
        if (fields.length == 4 || fields.length == 5) {
          MultipartUpload.Builder upload =
              MultipartUpload.builder(decode(fields[1]), decode(fields[2]))
                  .initiated(Instant.parse(fields[3]));
          if (fields.length == 5) {
            upload.state(decode(fields[4]));
          }
          entries.add(new Entry(decode(fields[0]), upload.build()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the abort journal " + file, e);
    }
    return entries;
  }

  /** Drops the entries that match, rewriting the journal atomically. */
  synchronized void remove(Predicate<Entry> done) {
    List<Entry> kept = new ArrayList<>(entries());
    if (!kept.removeIf(done)) {
      return;
    }
    try {
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      StringBuilder text = new StringBuilder();
      for (Entry entry : kept) {
        text.append(line(entry));
      }
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(
          temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite the abort journal " + file, e);
    }
  }

  /** One entry as a line: location, key, upload id, start and the provider's state if any. */
  private static String line(Entry entry) {
    MultipartUpload upload = entry.upload();
    StringBuilder line =
        new StringBuilder(encode(entry.location()))
            .append('\t')
            .append(encode(upload.key()))
            .append('\t')
            .append(encode(upload.uploadId()))
            .append('\t')
            .append(upload.initiated());
    upload.state().ifPresent(state -> line.append('\t').append(encode(state)));
    return line.append('\n').toString();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
