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
    ErrorContext context =
        ErrorContext.of(StorageOperation.WRITE, StorageLocation.of(directory))
            .withKey(String.valueOf(file.getFileName()));
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

  private static String reason(IOException e) {
    return e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
        ? fs.getReason()
        : String.valueOf(e.getMessage());
  }
}
