package dev.stowage.engine;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageFullException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Failures to write a download's local file, told apart from failures to read the store: a full
 * disk or a read-only file system is a permanent failure of the write that names the file, never a
 * read of the source to retry.
 */
final class LocalWrites {
  private LocalWrites() {}

  static StorageException failed(Path file, IOException e) {
    Path directory = file.toAbsolutePath().getParent();
    ErrorContext context = context(file);
    String message = String.valueOf(e.getMessage());
    if (message.contains("No space left on device") || message.contains("Disk quota exceeded")) {
      return new StorageFullException(
          context,
          "the disk is full at " + directory + " (" + reason(e) + "). Free space, then run again.",
          e);
    }
    if (e instanceof AccessDeniedException || message.contains("Read-only file system")) {
      return new PermissionDeniedException(
          context,
          "cannot write in " + directory + " (" + reason(e) + "). Check it is writable.",
          e);
    }
    return new PermanentStorageException(context, "cannot write the file: " + message, e);
  }

  /**
   * Refuses a download whose file, or a folder between {@code root} and it, is a symbolic link that
   * is already there: a download writes where it was told, never where such a link points.
   *
   * @throws PermanentStorageException naming the link
   */
  static void refuseLinks(Path root, Path file) {
    Path from = root.toAbsolutePath().normalize();
    Path to = file.toAbsolutePath().normalize();
    Path current = from;
    for (Path name : from.relativize(to)) {
      current = current.resolve(name);
      if (Files.isSymbolicLink(current)) {
        throw new PermanentStorageException(
            context(to),
            current
                + " is a symbolic link; a download never writes through one. Remove the link, or"
                + " download into another folder.");
      }
    }
  }

  private static ErrorContext context(Path file) {
    return ErrorContext.of(
            StorageOperation.WRITE, StorageLocation.of(file.toAbsolutePath().getParent()))
        .withKey(String.valueOf(file.getFileName()));
  }

  private static String reason(IOException e) {
    return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
        ? fs.getReason()
        : String.valueOf(e.getMessage());
  }
}
