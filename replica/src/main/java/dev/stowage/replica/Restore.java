package dev.stowage.replica;

import dev.stowage.api.PartialFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * One restore: the plan's files applied in order to a temporary file beside the output (later pages
 * overwrite earlier ones), cut to the last file's database size, synced, then moved into place.
 */
final class Restore {
  private final ReplicaClient client;
  private final RestorePlan plan;
  private final Path output;
  private final RestoreListener listener;

  Restore(ReplicaClient client, RestorePlan plan, Path output, RestoreListener listener) {
    this.client = client;
    this.plan = plan;
    this.output = output;
    this.listener = listener;
  }

  RestoreResult run() {
    long started = System.nanoTime();
    if (Files.exists(output)) {
      throw new ReplicaException(
          "the output "
              + output
              + " exists; a restore never overwrites. Remove it or choose another.");
    }
    Path parent = output.getParent();
    // named as a download's partial file, so that 'stowage sweep FOLDER' removes one a kill left
    Path temp = PartialFiles.singleUse(output);
    try {
      Files.createDirectories(parent);
      long pages = 0;
      long bytes = 0;
      int pageSize = 0;
      long commit = 0;
      try (FileChannel channel =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        for (LtxFile file : plan.files()) {
          int size = pageSize;
          LtxDecoder.Summary applied =
              client.read(
                  file,
                  (pgno, page) -> {
                    if (size != 0 && page.length != size) {
                      throw new PageSizeException(file, page.length, size);
                    }
                    ByteBuffer buffer = ByteBuffer.wrap(page);
                    long position = (pgno - 1) * page.length;
                    while (buffer.hasRemaining()) {
                      position += channel.write(buffer, position);
                    }
                  });
          pageSize = applied.header().pageSize();
          commit = applied.header().commit();
          pages += applied.pages();
          bytes += applied.bytes();
          listener.onFileApplied(file, bytes, plan.bytes());
        }
        channel.truncate(commit * pageSize);
        if (channel.size() < commit * pageSize) {
          channel.write(ByteBuffer.allocate(1), commit * pageSize - 1); // a trailing hole
        }
        channel.force(true);
      }
      Files.move(temp, output, StandardCopyOption.ATOMIC_MOVE);
      return new RestoreResult(
          output,
          plan.txid(),
          plan.files().size(),
          pages,
          pageSize,
          bytes,
          Duration.ofNanos(System.nanoTime() - started));
    } catch (PageSizeException e) {
      throw new ReplicaException(e.getMessage());
    } catch (FileAlreadyExistsException e) {
      throw new ReplicaException(
          "the output " + output + " appeared during the restore; it was left as it is.");
    } catch (IOException e) {
      throw new UncheckedIOException("restoring into " + output + " failed: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException e) {
        temp.toFile().deleteOnExit();
      }
    }
  }

  /** Files of one plan that disagree on the page size. */
  private static final class PageSizeException extends IOException {
    private static final long serialVersionUID = 1L;

    PageSizeException(LtxFile file, int found, int expected) {
      super(
          "level "
              + file.level()
              + " file "
              + file.name()
              + " has pages of "
              + found
              + " bytes but the earlier files have "
              + expected
              + "; the replica mixes databases. Restore a state before it.");
    }
  }
}
