package dev.stowage.engine;

import dev.stowage.api.Capability;
import dev.stowage.api.FileMetadata;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A local file's modification time and permissions carried through a store: recorded as user
 * metadata on upload, where the store keeps it and the caller did not name them, and given back to
 * the file a download writes.
 */
final class LocalFiles {
  private LocalFiles() {}

  /** The options of an upload of {@code file}, with its time and permissions added. */
  static WriteOptions describing(Path file, ObjectStore target, WriteOptions options)
      throws IOException {
    if (!target.capabilities().supports(Capability.USER_METADATA)) {
      return options;
    }
    Map<String, String> given = options.userMetadata();
    if (given.containsKey(FileMetadata.MTIME) || given.containsKey(FileMetadata.MODE)) {
      return options;
    }
    return options.toBuilder().userMetadata(FileMetadata.of(file)).build();
  }
}
