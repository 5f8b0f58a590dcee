package dev.stowage.engine;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Checks, once the last byte of a source was read and before its copy is published, that the source
 * is still the version whose first byte was read. A file rewritten during a copy would otherwise be
 * stored torn: bytes of two versions under checksums that match what was sent. The check fails
 * permanently (reading again cannot make a torn read whole), naming the source.
 */
@FunctionalInterface
interface SourceUnchanged {
  /** Nothing to check: the source cannot change (bytes in memory, a stream read once). */
  SourceUnchanged NONE = () -> {};

  /**
   * Throws if the source changed since its first byte was read.
   *
   * @throws PermanentStorageException if it changed or vanished
   */
  void check();

  /** An object of a store, as described before it was read: same size, ETag and time. */
  static SourceUnchanged object(Transfer transfer, ObjectStore source, ObjectInfo before) {
    ErrorContext context =
        ErrorContext.of(StorageOperation.READ, source.location()).withKey(before.key());
    return () -> {
      Optional<ObjectInfo> now =
          transfer.call(StorageOperation.STAT, () -> source.stat(before.key()));
      if (now.isEmpty() || !sameVersion(before, now.get())) {
        throw changed(context);
      }
    };
  }

  /**
   * Whether two descriptions, one perhaps from a listing, are of one version: the same size, and
   * the same ETag where both have one, else the same time where both have one (a listing and a stat
   * may give times of different precision, so times decide only without ETags).
   */
  private static boolean sameVersion(ObjectInfo before, ObjectInfo now) {
    if (before.sizeKnown() && now.sizeKnown() && before.size() != now.size()) {
      return false;
    }
    if (before.etag().isPresent() && now.etag().isPresent()) {
      return before.etag().equals(now.etag());
    }
    return before.lastModified().isEmpty()
        || now.lastModified().isEmpty()
        || before.lastModified().equals(now.lastModified());
  }

  /**
   * A local file, as it was before it was read: same size, modification time, change time (where
   * the file system keeps one) and file identity.
   */
  static SourceUnchanged file(Path file) throws IOException {
    ErrorContext context =
        ErrorContext.of(
                StorageOperation.READ, StorageLocation.of(file.toAbsolutePath().getParent()))
            .withKey(String.valueOf(file.getFileName()));
    Object before = identity(file);
    return () -> {
      Object now;
      try {
        now = identity(file);
      } catch (IOException e) {
        throw changed(context);
      }
      if (!before.equals(now)) {
        throw changed(context);
      }
    };
  }

  private static Object identity(Path file) throws IOException {
    BasicFileAttributes basic = Files.readAttributes(file, BasicFileAttributes.class);
    Object changeTime;
    try {
      changeTime = Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      changeTime = "";
    }
    return java.util.List.of(
        basic.size(), basic.lastModifiedTime(), changeTime, String.valueOf(basic.fileKey()));
  }

  private static PermanentStorageException changed(ErrorContext context) {
    return new PermanentStorageException(
        context,
        "the source changed while it was read; nothing was stored. Copy it again once nothing"
            + " writes it.");
  }
}
