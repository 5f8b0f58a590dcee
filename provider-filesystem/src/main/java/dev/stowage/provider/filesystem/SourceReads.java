package dev.stowage.provider.filesystem;

import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.StorageException;
import dev.stowage.api.TransientStorageException;
import java.io.IOException;
import java.io.InputStream;

/**
 * The reads of a write's source, told apart from the writes of this store: a source that fails to
 * read is a transient failure (the engine's sources open again, so another attempt may read them
 * whole), while a failure of this store's disk is mapped by {@link FilesystemErrors} and never
 * blamed on the source.
 */
final class SourceReads {
  private SourceReads() {}

  static InputStream open(Content content, ErrorContext context) {
    try {
      return content.open();
    } catch (IOException e) {
      throw failed(context, e);
    }
  }

  static int read(InputStream in, byte[] buffer, long most, ErrorContext context) {
    try {
      return in.read(buffer, 0, (int) most);
    } catch (StorageException e) {
      throw e;
    } catch (IOException e) {
      throw failed(context, e);
    }
  }

  private static TransientStorageException failed(ErrorContext context, IOException e) {
    return new TransientStorageException(
        context, "reading the source failed: " + e.getMessage() + ". Nothing was written.", e);
  }
}
