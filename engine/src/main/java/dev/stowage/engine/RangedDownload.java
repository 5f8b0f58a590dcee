package dev.stowage.engine;

import dev.stowage.api.ByteRange;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.FileMetadata;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageOperation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * An object into a local file: ranges fetched in parallel and written at their offsets into a
 * temporary file beside the target; a range cut short is resumed from the byte where it stopped;
 * the checksums of the ranges are combined and compared with what the store records; only a
 * complete, verified, synced file is renamed to the target's name. On failure the temporary file is
 * deleted and the target is untouched.
 */
final class RangedDownload {
  private static final int COPY_BUFFER = 64 * 1024;

  /** Reads of one download before bytes that fail their check fail it. */
  private static final int INTEGRITY_READS = 2;

  private final EngineResources engine;
  private final ObjectStore source;
  private final String key;
  private final Path file;
  private final Transfer transfer;

  RangedDownload(EngineResources engine, ObjectStore source, String key, Path file) {
    this.engine = engine;
    this.source = source;
    this.key = key;
    this.file = file;
    this.transfer =
        new Transfer(
            engine,
            ErrorContext.of(StorageOperation.READ, source.location()).withKey(key),
            key,
            -1);
  }

  /** Downloads an object, reading it once more from the start if its bytes fail their check. */
  static TransferResult reading(EngineResources engine, ObjectStore source, String key, Path file) {
    for (int read = 1; ; read++) {
      try {
        return new RangedDownload(engine, source, key, file).run();
      } catch (IntegrityException e) {
        if (read >= INTEGRITY_READS) {
          throw e;
        }
      }
    }
  }

  TransferResult run() {
    ObjectInfo info = transfer.existing(source, key);
    long size = info.size();
    transfer.totalBytes(size);
    List<Crc> codes = Verification.codes(engine, source.capabilities(), info.checksums().keySet());
    long rangeSize = Math.max(1, engine.partSize);
    int ranges = (int) Math.max(1, (size + rangeSize - 1) / rangeSize);
    ConcurrentSkipListMap<Integer, Sums> sums = new ConcurrentSkipListMap<>();
    DownloadResume resume;
    try {
      resume = DownloadResume.of(transfer, file, info, rangeSize, codes);
    } catch (IOException e) {
      throw transfer.rethrow(LocalWrites.failed(file, e));
    }
    Path temporary = resume.temporary();
    try (resume) {
      try (FileChannel channel = FileChannel.open(temporary, resume.openOptions())) {
        sums.putAll(resume.kept(channel, size, rangeSize, codes));
        sums.values().forEach(kept -> transfer.progress(kept.length()));
        TaskWindow window = new TaskWindow(engine.concurrency);
        try {
          for (int i = 0; i < ranges && !transfer.failed(); i++) {
            if (sums.containsKey(i)) {
              continue;
            }
            long offset = i * rangeSize;
            long length = Math.min(rangeSize, size - offset);
            int index = i;
            window.submit(
                engine.partWorkers,
                () -> {
                  try {
                    if (!transfer.failed()) {
                      Sums range = fetch(channel, offset, length, codes);
                      sums.put(index, range);
                      resume.written(index, range);
                      transfer.progress(length);
                    }
                  } catch (Throwable e) {
                    transfer.fail(e);
                  }
                });
          }
        } finally {
          window.awaitAll();
        }
        if (transfer.failed()) {
          throw transfer.failure();
        }
        channel.truncate(size);
        channel.force(true);
      }
      Sums whole = Sums.empty(codes);
      for (Sums range : sums.values()) {
        whole = whole.then(range);
      }
      VerifiedBy verifiedBy = check(info, whole, temporary);
      FileMetadata.restore(temporary, info.userMetadata());
      Files.move(
          temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      resume.ended();
      return new TransferResult(
          info, size, ranges, transfer.retries(), transfer.elapsed(), whole.toMap(), verifiedBy);
    } catch (Throwable e) {
      // what reaches here as an IOException is this side's file, not the store's bytes
      Throwable failure = e instanceof IOException io ? LocalWrites.failed(file, io) : e;
      transfer.fail(failure);
      try {
        Files.deleteIfExists(temporary);
        resume.ended();
      } catch (IOException cleanup) {
        failure.addSuppressed(cleanup);
      }
      throw transfer.rethrow(failure);
    }
  }

  /** Reads one range into the file, resuming after a cut from the byte where it stopped. */
  private Sums fetch(FileChannel channel, long offset, long length, List<Crc> codes)
      throws IOException {
    Sums.Running running = new Sums.Running(codes);
    byte[] buffer = new byte[(int) Math.min(COPY_BUFFER, Math.max(1, length))];
    long position = offset;
    long end = offset + length;
    for (int attempt = 1; position < end; attempt++) {
      long from = position;
      try (InputStream in =
          transfer.call(
              StorageOperation.READ, () -> source.get(key, new ByteRange(from, end - from)))) {
        while (position < end) {
          int got = in.read(buffer, 0, (int) Math.min(buffer.length, end - position));
          if (got < 0) {
            throw new java.io.EOFException(
                "the store ended the range " + (end - position) + " bytes early");
          }
          engine.throttle(got);
          running.update(buffer, 0, got);
          ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, got);
          position += write(channel, bytes, position);
        }
        if (in.read() >= 0) {
          throw new IntegrityException(
              transfer.context,
              "the store sent more than the " + length + " bytes asked for at " + offset);
        }
      } catch (IOException e) {
        if (attempt >= engine.retry.maxAttempts() || !transfer.backoff(attempt)) {
          throw new PermanentStorageException(
              transfer.context,
              "reading bytes "
                  + position
                  + " to "
                  + end
                  + " failed "
                  + attempt
                  + " times; nothing was kept: "
                  + e.getMessage(),
              e);
        }
      }
    }
    return running.finish();
  }

  /** Writes all of {@code bytes} at a position; a failure is this side's disk, never retried. */
  private int write(FileChannel channel, ByteBuffer bytes, long position) {
    int written = 0;
    try {
      while (bytes.hasRemaining()) {
        written += channel.write(bytes, position + written);
      }
    } catch (IOException e) {
      throw LocalWrites.failed(file, e);
    }
    return written;
  }

  /**
   * Fails if the bytes do not match the store's record, or the object changed meanwhile; else says
   * what was compared.
   */
  private VerifiedBy check(ObjectInfo info, Sums whole, Path written) {
    Optional<String> problem = Verification.problem(whole, info.checksums(), info);
    if (problem.isEmpty()) {
      problem = Verification.md5Problem(whole, info, written);
    }
    if (problem.isEmpty()) {
      Optional<ObjectInfo> now = transfer.call(StorageOperation.STAT, () -> source.stat(key));
      if (now.isEmpty()
          || now.get().size() != info.size()
          || !Objects.equals(now.get().etag(), info.etag())) {
        problem = Optional.of("the object changed or vanished while it was read");
      }
    }
    if (problem.isPresent()) {
      throw new IntegrityException(
          transfer.context, problem.get() + "; nothing was kept. Download it again.");
    }
    return VerifiedBy.ofSource(whole, info);
  }
}
