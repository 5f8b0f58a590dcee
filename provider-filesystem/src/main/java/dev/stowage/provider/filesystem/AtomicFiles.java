package dev.stowage.provider.filesystem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;

/**
 * The write protocol that makes a file appear whole or not at all: write a temporary file in the
 * target's directory, flush it, rename it over the target, flush the directory. Files are created
 * 0600 and directories 0700 where the file system is POSIX.
 */
final class AtomicFiles {
  /** Names starting with this are the provider's own and never listed; keys may not use them. */
  static final String RESERVED_PREFIX = ".stowage";

  private static final String TEMP_PREFIX = RESERVED_PREFIX + "-tmp-";
  private static final Set<OpenOption> CREATE_NEW =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);

  private final boolean fsync;
  private final FileAttribute<?>[] fileAttributes;
  private final FileAttribute<?>[] directoryAttributes;

  AtomicFiles(boolean fsync, boolean posix) {
    this.fsync = fsync;
    this.fileAttributes =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    this.directoryAttributes =
        posix
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
            }
            : new FileAttribute<?>[0];
  }

  boolean fsync() {
    return fsync;
  }

  /** Returns a new temporary file's path in {@code directory}; the file is not created. */
  static Path tempPath(Path directory) {
    return directory.resolve(TEMP_PREFIX + UUID.randomUUID());
  }

  FileChannel createNew(Path file) throws IOException {
    return FileChannel.open(file, CREATE_NEW, fileAttributes);
  }

  void createDirectories(Path directory) throws IOException {
    Files.createDirectories(directory, directoryAttributes);
  }

  /** Flushes a finished temporary file's bytes, if fsync is on. */
  void flush(FileChannel channel) throws IOException {
    if (fsync) {
      channel.force(true);
    }
  }

  /**
   * Moves a finished temporary file onto its target, replacing it, or, if {@code createOnly}, links
   * it there so that an existing target makes it fail with {@link FileAlreadyExistsException}. The
   * temporary file is gone afterwards in every case.
   */
  void publish(Path temp, Path target, boolean createOnly) throws IOException {
    try {
      if (createOnly) {
        Files.createLink(target, temp);
      } else {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    flushDirectory(target.getParent());
  }

  /** Writes a small file atomically. */
  void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path temp = tempPath(target.getParent());
    try (FileChannel channel = createNew(temp)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      flush(channel);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    publish(temp, target, false);
  }

  /** Makes a rename in {@code directory} durable, if fsync is on. */
  void flushDirectory(Path directory) throws IOException {
    if (!fsync) {
      return;
    }
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is then as durable as it gets.
      if (!System.getProperty("os.name", "").startsWith("Windows")) {
        throw e;
      }
    }
  }

  /** Removes empty directories from {@code directory} up to, not including, {@code stop}. */
  void pruneEmptyDirectories(Path directory, Path stop) throws IOException {
    for (Path dir = directory;
        dir != null && !dir.equals(stop) && dir.startsWith(stop);
        dir = dir.getParent()) {
      try {
        Files.delete(dir);
      } catch (DirectoryNotEmptyException | NoSuchFileException e) {
        return;
      }
    }
  }

  /** Deletes a directory tree that holds no symbolic link the provider should follow. */
  static void deleteTree(Path directory) throws IOException {
    if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(path);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
