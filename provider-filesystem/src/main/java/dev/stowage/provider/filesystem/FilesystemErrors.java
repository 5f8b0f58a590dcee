package dev.stowage.provider.filesystem;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageFullException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Maps the JDK's I/O exceptions onto the api's, once, where they are thrown. */
final class FilesystemErrors {
  private FilesystemErrors() {}

  static StorageException map(ErrorContext context, IOException e) {
    if (e instanceof NoSuchFileException || e instanceof NotDirectoryException) {
      return new ObjectNotFoundException(context, "no such object", e);
    }
    if (e instanceof AccessDeniedException) {
      return new PermissionDeniedException(
          context,
          "the operating system denied access to "
              + ((FileSystemException) e).getFile()
              + ". Check the permissions of the directory and of the user running Stowage.",
          e);
    }
    if (e instanceof FileAlreadyExistsException) {
      return new PreconditionFailedException(
          context, "the object already exists and the write was create-only; it is unchanged", e);
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("No space left on device")) {
      return new StorageFullException(
          context,
          "the disk is full at " + context.location() + ". Free space, then write again.",
          e);
    }
    if (message.contains("Disk quota exceeded")) {
      return new StorageFullException(
          context,
          "the disk quota is exceeded at "
              + context.location()
              + ". Free space or raise the quota, then write again.",
          e);
    }
    if (message.contains("Read-only file system")) {
      return new PermissionDeniedException(
          context,
          "the file system at "
              + context.location()
              + " is read-only. Mount it read-write or choose another destination.",
          e);
    }
    return new PermanentStorageException(context, "I/O error: " + message, e);
  }
}
