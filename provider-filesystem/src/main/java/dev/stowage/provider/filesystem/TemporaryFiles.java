package dev.stowage.provider.filesystem;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The directory {@code ROOT/.stowage/tmp/} where every write begins, and the sweep of what a killed
 * process left there. A temporary file is named after its writer: host, process id and process
 * start time. A file from this host whose writer is no longer running is removed when a store
 * opens; a file from another host (a root shared over a network file system) only once it has not
 * changed for a day, since its writer's liveness cannot be seen from here.
 */
final class TemporaryFiles {
  static final String PREFIX = AtomicFiles.RESERVED_PREFIX + "-tmp-";
  private static final Duration FOREIGN_AGE = Duration.ofDays(1);
  private static final String HOST = hostToken();
  private static final ProcessHandle SELF = ProcessHandle.current();
  private static final long SELF_START =
      SELF.info().startInstant().map(Instant::toEpochMilli).orElse(0L);

  private final Path directory;

  TemporaryFiles(Path directory) {
    this.directory = directory;
  }

  Path directory() {
    return directory;
  }

  /** Returns a new temporary file's path; neither the file nor the directory is created. */
  Path next() {
    return directory.resolve(name(SELF.pid(), SELF_START));
  }

  /** A temporary file's name on this host for a writer's process id and start time. */
  static String name(long pid, long startMillis) {
    return PREFIX + HOST + "-" + pid + "-" + startMillis + "-" + UUID.randomUUID();
  }

  /**
   * Removes the temporary files whose writer is gone and returns how many. Best effort: a root that
   * cannot be written (a read-only mount) is left as it is, since its leftovers are never listed
   * anyway.
   */
  int sweep(Instant now) {
    int removed = 0;
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(directory)) {
      for (Path file : stream) {
        if (abandoned(file, now) && Files.deleteIfExists(file)) {
          removed++;
        }
      }
    } catch (IOException | RuntimeException e) {
      // NoSuchFileException: nothing was ever written; anything else: see above.
    }
    return removed;
  }

  private static boolean abandoned(Path file, Instant now) throws IOException {
    String[] fields = file.getFileName().toString().split("-", 6);
    // .stowage, tmp, host, pid, start, uuid
    if (fields.length == 6 && fields[2].equals(HOST)) {
      try {
        return !running(Long.parseLong(fields[3]), Long.parseLong(fields[4]));
      } catch (NumberFormatException e) {
        // not a name this class gave; judged by its age below
      }
    }
    try {
      Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
      return modified.plus(FOREIGN_AGE).isBefore(now);
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  private static boolean running(long pid, long startMillis) {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty()) {
      return false;
    }
    // A process id can be reused: the start time tells the writer from a later process.
    Optional<Instant> started = process.get().info().startInstant();
    return startMillis == 0 || started.isEmpty() || started.get().toEpochMilli() == startMillis;
  }

  /** This host's name, as eight hex digits without a dash. */
  private static String hostToken() {
    String identity;
    try {
      identity = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
    } catch (IOException | RuntimeException e) {
      identity =
          Optional.ofNullable(System.getenv("COMPUTERNAME"))
              .or(() -> Optional.ofNullable(System.getenv("HOSTNAME")))
              .orElse("host");
    }
    CRC32 crc = new CRC32();
    crc.update(identity.getBytes(StandardCharsets.UTF_8));
    return String.format("%08x", crc.getValue());
  }
}
