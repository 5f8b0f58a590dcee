package dev.stowage.engine;

import dev.stowage.api.PartialFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Removes what killed downloads left under a folder and no run will continue: the partial files and
 * range notes of {@link DownloadResume} ({@code .NAME.stowage.part}, {@code .ranges}, {@code
 * .lock}, and {@code .NAME.stowage-UUID.part}) untouched for longer than an age. A partial file
 * whose lock a running download holds is left alone.
 */
final class PartialDownloads {
  private static final Pattern RESUMABLE =
      Pattern.compile("(\\..+" + Pattern.quote(PartialFiles.MARK) + ")\\.(part|ranges|lock)");

  private PartialDownloads() {}

  /** Removes the leftovers older than {@code olderThan}; returns how many files went. */
  static long sweep(Path directory, Duration olderThan) {
    Instant before = Instant.now().minus(olderThan);
    long removed = 0;
    try (Stream<Path> walk = Files.walk(directory)) {
      List<Path> files =
          walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).toList();
      for (Path file : files) {
        String name = file.getFileName().toString();
        if (PartialFiles.isSingleUse(name) && olderThan(file, before)) {
          removed += Files.deleteIfExists(file) ? 1 : 0;
          continue;
        }
        Matcher resumable = RESUMABLE.matcher(name);
        if (resumable.matches() && resumable.group(2).equals("lock") && olderThan(file, before)) {
          removed += removeGroup(file.resolveSibling(resumable.group(1)), before);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot sweep " + directory + ": " + e.getMessage(), e);
    }
    return removed;
  }

  /** Removes one resumable download's files, unless a run holds its lock or it is recent. */
  @SuppressWarnings("try") // the claim is held for the try's length; it is not used
  private static long removeGroup(Path base, Instant before) throws IOException {
    Path lock = base.resolveSibling(base.getFileName() + ".lock");
    Path part = base.resolveSibling(base.getFileName() + ".part");
    Path ranges = base.resolveSibling(base.getFileName() + ".ranges");
    if (!olderThan(part, before) || !olderThan(ranges, before)) {
      return 0;
    }
    Optional<Closeable> claim = FileClaim.tryClaim(lock);
    if (claim.isEmpty()) {
      return 0; // a download is running on it
    }
    long removed = 0;
    try (Closeable held = claim.get()) {
      for (Path file : List.of(part, ranges, lock)) {
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
          removed++;
        }
      }
      Files.deleteIfExists(part);
      Files.deleteIfExists(ranges);
    }
    Files.deleteIfExists(lock); // if releasing the claim did not remove it already
    return removed;
  }

  /** Whether a file is absent or was last written before the instant. */
  private static boolean olderThan(Path file, Instant before) throws IOException {
    return !Files.exists(file, LinkOption.NOFOLLOW_LINKS)
        || Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before);
  }
}
