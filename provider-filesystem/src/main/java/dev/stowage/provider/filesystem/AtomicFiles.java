package dev.stowage.provider.filesystem;

import dev.stowage.api.PartialFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
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

/**
 * The write protocol that makes a file appear whole or not at all: write a temporary file under
 * {@code ROOT/.stowage/tmp/}, flush it, rename it over the target, flush the target's directory.
 * Files are created 0600 and directories 0700 where the file system is POSIX. In a plain folder the
 * temporary file is {@code .NAME.stowage-UUID.part} beside its target (the name a download's
 * partial file has, which {@code stowage sweep FOLDER} removes after a kill), and files and
 * directories get the permissions the umask leaves.
 */
final class AtomicFiles {
  /** Names starting with this are the provider's own and never listed; keys may not use them. */
  static final String RESERVED_PREFIX = ".stowage";

  private static final Set<OpenOption> CREATE_NEW =
      Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  private static final Set<OpenOption> CREATE_OR_OPEN =
      Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);

  private final TemporaryFiles temporaries;
  private final boolean fsync;
  private final boolean plain;
  private final FileAttribute<?>[] fileAttributes;
  private final FileAttribute<?>[] directoryAttributes;

  AtomicFiles(TemporaryFiles temporaries, boolean fsync, boolean posix, boolean plain) {
    this.temporaries = temporaries;
    this.fsync = fsync;
    this.plain = plain;
    this.fileAttributes =
        posix && !plain
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
            }
            : new FileAttribute<?>[0];
    this.directoryAttributes =
        posix && !plain
            ? new FileAttribute<?>[] {
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))
            }
            : new FileAttribute<?>[0];
  }

  boolean fsync() {
    return fsync;
  }

  /** Returns a new temporary file's path for a write of {@code target}; the file is not created. */
  Path tempPath(Path target) {
    if (plain) {
      return PartialFiles.singleUse(target);
    }
    return temporaries.next();
  }

  /** Creates a file that must not exist yet, and the temporary directory if it is missing. */
  FileChannel createNew(Path file) throws IOException {
    try {
      return FileChannel.open(file, CREATE_NEW, fileAttributes);
    } catch (NoSuchFileException e) {
      if (!file.getParent().equals(temporaries.directory())) {
        throw e;
      }
      createDirectories(file.getParent());
      return FileChannel.open(file, CREATE_NEW, fileAttributes);
    }
  }

  /** Opens a file that several writers share, creating it if it is missing. */
  FileChannel openShared(Path file) throws IOException {
    return FileChannel.open(file, CREATE_OR_OPEN, fileAttributes);
  }

  /**
   * Makes {@code link} a second name of {@code existing}, a file in the same file system.
   *
   * @return false if the file system refuses a second name (some keep one name per file)
   */
  boolean linkIfPossible(Path link, Path existing) throws IOException {
    try {
      try {
        Files.createLink(link, existing);
      } catch (NoSuchFileException e) {
        if (!Files.exists(existing)) {
          throw e;
        }
        createDirectories(link.getParent());
        Files.createLink(link, existing);
      }
      return true;
    } catch (NoSuchFileException e) {
      throw e;
    } catch (UnsupportedOperationException | FileSystemException e) {
      return false;
    }
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
      try {
        place(temp, target, createOnly);
      } catch (FileAlreadyExistsException | NoSuchFileException e) {
        throw e;
      } catch (FileSystemException e) {
        if (Files.getFileStore(temp).equals(Files.getFileStore(target.getParent()))) {
          throw e;
        }
        placeAcrossFileSystems(temp, target, createOnly);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
    flushDirectory(target.getParent());
  }

  private static void place(Path temp, Path target, boolean createOnly) throws IOException {
    if (createOnly) {
      Files.createLink(target, temp);
    } else {
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
    }
  }

  /**
   * A directory under the root is another file system (a mount point), so no rename reaches it from
   * the temporary directory: copy the file beside the target first, then rename it there. A crash
   * in between leaves that copy under a reserved name, never listed, and not swept.
   */
  private void placeAcrossFileSystems(Path temp, Path target, boolean createOnly)
      throws IOException {
    Path beside = target.resolveSibling(temp.getFileName());
    try {
      Files.copy(temp, beside, StandardCopyOption.COPY_ATTRIBUTES);
      if (fsync) {
        try (FileChannel channel = FileChannel.open(beside, StandardOpenOption.WRITE)) {
          channel.force(true);
        }
      }
      place(beside, target, createOnly);
    } finally {
      Files.deleteIfExists(beside);
    }
  }

  /** Writes a small file atomically. */
  void writeAtomically(Path target, byte[] bytes) throws IOException {
    write(target, bytes, false);
  }

  /**
   * Writes a small file atomically if it does not exist yet.
   *
   * @throws FileAlreadyExistsException if it does
   */
  void writeExclusively(Path target, byte[] bytes) throws IOException {
    write(target, bytes, true);
  }

  private void write(Path target, byte[] bytes, boolean createOnly) throws IOException {
    Path temp = tempPath(target);
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
    publish(temp, target, createOnly);
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
