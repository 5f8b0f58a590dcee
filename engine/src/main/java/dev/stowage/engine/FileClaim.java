package dev.stowage.engine;

import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * An exclusive lock on a lock file, so that two runs (or two transfers of one run) never share the
 * files a resume keeps. Released by closing, which also deletes the lock file: a run that opened it
 * just before then locks a name now gone, and at worst goes once without a resume.
 */
final class FileClaim {
  private FileClaim() {}

  /** Takes the lock; empty if another run or transfer holds it. */
  static Optional<Closeable> tryClaim(Path lockFile) throws IOException {
    FileChannel channel =
        FileChannel.open(
            lockFile,
            StandardOpenOption.CREATE,
            StandardOpenOption.WRITE,
            java.nio.file.LinkOption.NOFOLLOW_LINKS);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException heldHere) {
      lock = null;
    }
    if (lock == null) {
      channel.close();
      return Optional.empty();
    }
    return Optional.of(
        () -> {
          Files.deleteIfExists(lockFile);
          channel.close();
        });
  }
}
