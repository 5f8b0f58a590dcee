package dev.stowage.hadoop;

import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.PermissionDeniedException;
import dev.stowage.api.PreconditionFailedException;
import dev.stowage.api.StorageException;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.AccessDeniedException;
import org.apache.hadoop.fs.FileAlreadyExistsException;

/** Turns Stowage's typed failures into the {@link IOException}s Hadoop's callers test for. */
final class HadoopErrors {
  private HadoopErrors() {}

  /** A store call that may fail with a {@link StorageException}. */
  @FunctionalInterface
  interface StoreCall<T> {
    T call() throws IOException;
  }

  /** Runs a call, turning a {@link StorageException} into the matching {@link IOException}. */
  static <T> T translated(StoreCall<T> call) throws IOException {
    try {
      return call.call();
    } catch (StorageException e) {
      throw translate(e);
    }
  }

  /** Returns the {@link IOException} that stands for a store's failure, with it as the cause. */
  static IOException translate(StorageException e) {
    IOException translated;
    if (e instanceof ObjectNotFoundException) {
      translated = new FileNotFoundException(e.getMessage());
    } else if (e instanceof PreconditionFailedException) {
      translated = new FileAlreadyExistsException(e.getMessage());
    } else if (e instanceof PermissionDeniedException) {
      translated = new AccessDeniedException(e.getMessage());
    } else if (e.getCause() instanceof InterruptedException
        || e.getCause() instanceof InterruptedIOException) {
      translated = new InterruptedIOException(e.getMessage());
    } else {
      return new IOException(e.getMessage(), e);
    }
    translated.initCause(e);
    return translated;
  }
}
