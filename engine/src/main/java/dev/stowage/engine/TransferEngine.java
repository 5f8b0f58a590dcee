package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.Content;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Moves objects into, out of and between stores of any providers, in parallel, in bounded memory,
 * verified end to end.
 *
 * <ul>
 *   <li><b>Memory</b>: streams of unknown length are cut into part buffers taken from one byte
 *       budget shared by every transfer of the engine (a reader waits while it is spent); files and
 *       other known-length content are sent as slices that hold no engine buffer.
 *   <li><b>Concurrency</b>: at most {@link TransferEngineBuilder#concurrency} requests are in
 *       flight across every transfer, files and parts together; throttling answers lower the bound
 *       and successes raise it back. Metadata fan-outs have their own bound, {@link
 *       TransferEngineBuilder#statConcurrency}.
 *   <li><b>Integrity</b>: CRC-32C (and CRC-64/ECMA where a store records it) of the bytes is
 *       computed as the store reads them, combined across parts, and compared with what the source
 *       records and what the target reports; a mismatch is an {@link IntegrityException} and the
 *       bad object is deleted. Downloads are verified the same way before the file appears under
 *       its name.
 *   <li><b>Cleanup</b>: a failed multipart upload is aborted once its parts have settled, and
 *       checked gone; an upload whose abort failed is logged and, with an {@link
 *       TransferEngineBuilder#abortJournal abort journal}, kept for {@link #sweep}.
 *   <li><b>Retries</b>: requests that fail with an error the api marks retryable are sent again
 *       from a replayable source, with exponential backoff and full jitter, within the transfer's
 *       {@link TransferEngineBuilder#deadline deadline}.
 * </ul>
 *
 * <p>Thread-safe; close it to stop its threads.
 */
public final class TransferEngine implements AutoCloseable {
  /** Objects up to this size are written with one request when the target allows it. */
  public static final long DEFAULT_PART_SIZE = 8L * 1024 * 1024;

  /** Requests in flight at once, by default. */
  public static final int DEFAULT_CONCURRENCY = 8;

  /** Stats in flight at once in a metadata fan-out, by default (as Litestream uses). */
  public static final int DEFAULT_STAT_CONCURRENCY = 50;

  /** Bytes of part buffers held at once by default: 16 parts of the default size. */
  public static final long DEFAULT_MEMORY_BUDGET = 16 * DEFAULT_PART_SIZE;

  private final EngineResources engine;

  TransferEngine(EngineResources engine) {
    this.engine = engine;
  }

  /**
   * Returns an engine with the defaults: 8 MiB parts, 8 requests at once, a 128 MiB budget, {@link
   * RetryPolicy#DEFAULT}, no deadline, no bandwidth limit.
   *
   * @return the engine
   */
  public static TransferEngine create() {
    return builder().build();
  }

  /**
   * Returns a builder with the defaults.
   *
   * @return the builder
   */
  public static TransferEngineBuilder builder() {
    return new TransferEngineBuilder();
  }

  /**
   * Uploads a stream of unknown length: one write if it is shorter than a part, else a multipart
   * upload whose parts go up in parallel within the engine's memory budget. The stream is read to
   * its end but not closed.
   *
   * @param in the stream
   * @param target the store to write
   * @param key the key to write
   * @param options metadata and create-only
   * @return what was written, with bytes, parts, retries, duration and checksums
   * @throws IntegrityException if the bytes did not arrive intact; the key holds no new object
   * @throws StorageException for any other failure; a multipart upload was aborted
   */
  public TransferResult upload(
      InputStream in, ObjectStore target, String key, WriteOptions options) {
    requireNonNull(in, "in is null");
    check(target, key, options);
    return engine.observe(key, () -> new StreamingUpload(engine, target, key, options).run(in));
  }

  /**
   * Uploads content of known length: one write if it fits in a part, else a multipart upload of
   * slices of the content in parallel.
   *
   * @param content the bytes
   * @param target the store to write
   * @param key the key to write
   * @param options metadata and create-only
   * @return what was written
   * @throws IntegrityException if the bytes did not arrive intact; the key holds no new object
   * @throws StorageException for any other failure; a multipart upload was aborted
   */
  public TransferResult upload(
      Content content, ObjectStore target, String key, WriteOptions options) {
    requireNonNull(content, "content is null");
    check(target, key, options);
    return engine.observe(
        key, () -> SlicedUpload.run(engine, content, target, key, options, UploadSource.NONE));
  }

  /**
   * Uploads a file, its parts read as slices of the file. A file that changed while it was read
   * (its size, modification or change time) is not stored: the copy fails and the key holds no new
   * object. Where the store keeps user metadata, the file's modification time and permissions go
   * with it ({@link dev.stowage.api.FileMetadata}), unless {@code options} names them itself.
   *
   * @param file the file
   * @param target the store to write
   * @param key the key to write
   * @param options metadata and create-only
   * @return what was written
   * @throws UncheckedIOException if the file cannot be read
   * @throws StorageException for any failure of the store
   */
  public TransferResult upload(Path file, ObjectStore target, String key, WriteOptions options) {
    requireNonNull(file, "file is null");
    check(target, key, options);
    Content content;
    UploadSource source;
    WriteOptions described;
    try {
      source = UploadSource.file(file);
      content = Content.ofFile(file);
      described = LocalFiles.describing(file, target, options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return engine.observe(
        key, () -> SlicedUpload.run(engine, content, target, key, described, source));
  }

  /**
   * Copies one object from a store to another (or the same) store. Within one store that declares
   * {@link dev.stowage.api.Capability#COPY} the store copies it itself, no byte passing through
   * here, for objects up to its copy limit and unless create-only, a time or expected checksums are
   * asked; otherwise a large object is copied as ranged reads of the source in parallel, each
   * feeding one part.
   *
   * @param source the store to read
   * @param sourceKey the key to read
   * @param target the store to write
   * @param targetKey the key to write
   * @param options metadata and create-only for the new object; the source's metadata is not copied
   * @return what was written
   * @throws ObjectNotFoundException if the source does not exist
   * @throws PermanentStorageException if the source changed while it was read (its size, ETag or
   *     time); the target key holds no new object
   * @throws IntegrityException if the bytes did not arrive intact; the target key holds no new
   *     object
   * @throws StorageException for any other failure of either store
   */
  public TransferResult copy(
      ObjectStore source,
      String sourceKey,
      ObjectStore target,
      String targetKey,
      WriteOptions options) {
    requireNonNull(source, "source is null");
    requireNonNull(sourceKey, "sourceKey is null");
    check(target, targetKey, options);
    return copy(
        source,
        described(source, sourceKey).existing(source, sourceKey),
        target,
        targetKey,
        options);
  }

  /** Copies an object the caller has described, as {@link #copy} does. */
  TransferResult copy(
      ObjectStore source, ObjectInfo info, ObjectStore target, String key, WriteOptions options) {
    if (ServerSideCopy.applies(source, info, target, options)) {
      return engine.observe(key, () -> ServerSideCopy.run(engine, target, info, key, options));
    }
    Content content = new StoreContent(source, info.key(), info.size(), 0, info.size());
    return engine.observe(
        key,
        () ->
            SlicedUpload.run(
                engine,
                content,
                target,
                key,
                options,
                UploadSource.object(described(source, info.key()), source, info)));
  }

  /**
   * Downloads an object to a file: ranges fetched in parallel into a temporary file beside it, a
   * cut range resumed where it stopped, the file renamed into place only when complete, verified
   * and synced. Bytes that fail the check (damaged in transit, or the object changed while read)
   * are read once more from the start before the download fails. Missing parent directories are
   * created, and files and directories get the permissions the umask leaves, except that the
   * modification time and permissions an upload recorded ({@link dev.stowage.api.FileMetadata}) are
   * restored.
   *
   * @param source the store to read
   * @param key the key to read
   * @param file the file to write; replaced if it exists, refused if it is a symbolic link
   * @return what was read, with the source object's info
   * @throws ObjectNotFoundException if there is no such object
   * @throws IntegrityException if the bytes do not match the store's record; no file was written
   * @throws StorageException for any other failure; no file was written
   */
  public TransferResult download(ObjectStore source, String key, Path file) {
    requireNonNull(source, "source is null");
    requireNonNull(key, "key is null");
    requireNonNull(file, "file is null");
    return engine.observe(
        key,
        () -> {
          LocalWrites.refuseLinks(file.toAbsolutePath().getParent(), file);
          return RangedDownload.reading(engine, source, key, file);
        });
  }

  /**
   * Opens an object as a stream that can seek and read at positions. A read cut short resumes from
   * the byte where it stopped, within the retry policy and deadline, and only while the object is
   * unchanged; read whole and in order, the bytes are verified against the store's checksums (see
   * {@link ObjectReadStream}).
   *
   * @param source the store to read
   * @param key the key to read
   * @return the stream; the caller closes it
   * @throws ObjectNotFoundException if there is no such object
   * @throws StorageException if the store cannot describe it
   */
  public ObjectReadStream open(ObjectStore source, String key) {
    requireNonNull(source, "source is null");
    requireNonNull(key, "key is null");
    Transfer transfer = described(source, key);
    return new ObjectReadStream(engine, source, transfer.existing(source, key), transfer);
  }

  /**
   * Returns a stream whose bytes become an object when it is closed: streamed up as {@link
   * #upload(InputStream, ObjectStore, String, WriteOptions)} does, so within the memory budget and
   * verified; nothing appears if the upload fails or {@link ObjectWriteStream#cancel()} is called.
   *
   * @param target the store to write
   * @param key the key to write
   * @param options metadata and create-only
   * @return the stream; the caller closes it to publish the object, or cancels it
   */
  public ObjectWriteStream newUpload(ObjectStore target, String key, WriteOptions options) {
    check(target, key, options);
    String description = key + " in " + target.location();
    return new ObjectWriteStream(engine, description, in -> upload(in, target, key, options));
  }

  /**
   * Copies every object under a prefix to another prefix of another (or the same) store, listing as
   * it goes: at most {@link TransferEngineBuilder#concurrency} objects in flight, small ones as
   * single writes.
   *
   * @param source the store to read
   * @param sourcePrefix the prefix to copy, such as {@code "logs/"}; empty for all
   * @param target the store to write
   * @param targetPrefix what replaces {@code sourcePrefix} in each key
   * @param options metadata and create-only for every new object
   * @return the objects copied and each that failed
   * @throws StorageException if the listing fails, or a failure would fail every object
   */
  public BatchResult copyAll(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      WriteOptions options) {
    requireNonNull(source, "source is null");
    requireNonNull(target, "target is null");
    requireNonNull(sourcePrefix, "sourcePrefix is null");
    requireNonNull(targetPrefix, "targetPrefix is null");
    requireNonNull(options, "options is null");
    return copyAll(source, sourcePrefix, target, targetPrefix, options, ObjectFilter.ALL);
  }

  /**
   * Copies the objects under a prefix that a filter takes, as {@link #copyAll(ObjectStore, String,
   * ObjectStore, String, WriteOptions)} does.
   *
   * @param source the store to read
   * @param sourcePrefix the prefix to copy
   * @param target the store to write
   * @param targetPrefix the prefix to write under
   * @param options metadata and create-only for every new object
   * @param filter which objects take part, by their key below {@code sourcePrefix}
   * @return the objects copied and each that failed
   * @throws StorageException if a failure would fail every object, or the listing fails
   */
  public BatchResult copyAll(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      WriteOptions options,
      ObjectFilter filter) {
    requireNonNull(source, "source is null");
    requireNonNull(target, "target is null");
    requireNonNull(sourcePrefix, "sourcePrefix is null");
    requireNonNull(targetPrefix, "targetPrefix is null");
    requireNonNull(options, "options is null");
    requireNonNull(filter, "filter is null");
    return BatchTransfers.copyAll(
        this, engine, source, sourcePrefix, target, targetPrefix, options, filter);
  }

  /**
   * Copies the given keys, as many at once as {@link #copyAll} copies, each verified; the keys are
   * consumed as the batch goes (a plan read line by line), and a failure of one is recorded under
   * its source key while the rest go on.
   *
   * @param source the store to read
   * @param copies the keys to read and write
   * @param target the store to write
   * @param options metadata and create-only for every new object
   * @return the objects copied and each that failed
   * @throws StorageException if a failure would fail every object
   */
  public BatchResult copyEach(
      ObjectStore source, Iterator<KeyCopy> copies, ObjectStore target, WriteOptions options) {
    requireNonNull(source, "source is null");
    requireNonNull(copies, "copies is null");
    requireNonNull(target, "target is null");
    requireNonNull(options, "options is null");
    return BatchRunner.run(
        engine,
        copies,
        KeyCopy::sourceKey,
        KeyCopy::size,
        copy -> copy(source, copy.sourceKey(), target, copy.targetKey(), options).bytes());
  }

  /**
   * Moves one object: copies it as {@link #copy(ObjectStore, String, ObjectStore, String,
   * WriteOptions)} does, verified, and only then deletes it from the source.
   *
   * @param source the store to read and delete from
   * @param sourceKey the key to move
   * @param target the store to write
   * @param targetKey the key to write
   * @param options metadata and create-only for the new object
   * @return what was copied
   * @throws StorageException if the copy fails (the source stays), or the delete (it is in both)
   */
  public TransferResult move(
      ObjectStore source,
      String sourceKey,
      ObjectStore target,
      String targetKey,
      WriteOptions options) {
    TransferResult copied = copy(source, sourceKey, target, targetKey, options);
    BatchTransfers.deleteMoved(source, sourceKey);
    return copied;
  }

  /**
   * Moves the objects under a prefix that a filter takes: each is copied as {@link #copyAll} copies
   * it, verified, and only then deleted from the source. An object whose copy failed stays where it
   * was; one copied but not deleted is a failure that says so.
   *
   * @param source the store to read and delete from
   * @param sourcePrefix the prefix to move
   * @param target the store to write
   * @param targetPrefix the prefix to write under
   * @param options metadata and create-only for every new object
   * @param filter which objects take part, by their key below {@code sourcePrefix}
   * @return the objects moved and each that failed
   * @throws StorageException if a failure would fail every object, or the listing fails
   */
  public BatchResult moveAll(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      WriteOptions options,
      ObjectFilter filter) {
    requireNonNull(source, "source is null");
    requireNonNull(target, "target is null");
    requireNonNull(sourcePrefix, "sourcePrefix is null");
    requireNonNull(targetPrefix, "targetPrefix is null");
    requireNonNull(options, "options is null");
    requireNonNull(filter, "filter is null");
    return BatchTransfers.moveAll(
        this, engine, source, sourcePrefix, target, targetPrefix, options, filter);
  }

  /**
   * Makes the objects under {@code targetPrefix} the same as those under {@code sourcePrefix}:
   * copies what the target lacks or holds otherwise (by size, then as {@link
   * SyncOptions#comparison()} says), leaves the rest, and, if asked, deletes from the target what
   * the source lacks once every copy succeeded. Both listings are read side by side, a page of each
   * in memory; copies run as {@link #copyAll} runs them, verified.
   *
   * @param source the store to read
   * @param sourcePrefix the source's prefix, such as {@code "db/"}; empty for all
   * @param target the store to write
   * @param targetPrefix the target's prefix
   * @param options the comparison, deletions, dry run and listener
   * @return what was copied, left and deleted, and each object that failed
   * @throws PermanentStorageException if more objects would be deleted than allowed (none was)
   * @throws StorageException if a failure would fail every object, or a listing fails
   */
  public SyncResult sync(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      SyncOptions options) {
    requireNonNull(source, "source is null");
    requireNonNull(sourcePrefix, "sourcePrefix is null");
    requireNonNull(target, "target is null");
    requireNonNull(targetPrefix, "targetPrefix is null");
    requireNonNull(options, "options is null");
    return new Sync(this, engine, source, sourcePrefix, target, targetPrefix, options).run();
  }

  /**
   * Uploads every regular file under a directory, walking it as it goes; keys are {@code prefix}
   * followed by each file's path relative to the directory, with {@code /} separators. Symbolic
   * links are not followed: each is left out and named in {@link BatchResult#skipped()}.
   *
   * @param directory the directory
   * @param target the store to write
   * @param prefix the prefix of every key, such as {@code "backup/"}; empty for none
   * @param options metadata and create-only for every new object
   * @return the files uploaded and each that failed
   * @throws UncheckedIOException if the directory cannot be walked
   * @throws StorageException if a failure would fail every file
   */
  public BatchResult uploadAll(
      Path directory, ObjectStore target, String prefix, WriteOptions options) {
    return uploadAll(directory, SymbolicLinks.SKIP, target, prefix, options);
  }

  /**
   * Uploads every regular file under a directory as {@link #uploadAll(Path, ObjectStore, String,
   * WriteOptions)} does, following symbolic links or not; what is left out is in {@link
   * BatchResult#skipped()}.
   *
   * @param directory the directory
   * @param links whether to follow symbolic links
   * @param target the store to write
   * @param prefix the prefix of every key, such as {@code "backup/"}; empty for none
   * @param options metadata and create-only for every new object
   * @return the files uploaded, each that failed and each left out
   * @throws UncheckedIOException if the directory cannot be walked
   * @throws StorageException if a failure would fail every file
   */
  public BatchResult uploadAll(
      Path directory,
      SymbolicLinks links,
      ObjectStore target,
      String prefix,
      WriteOptions options) {
    requireNonNull(directory, "directory is null");
    requireNonNull(links, "links is null");
    requireNonNull(target, "target is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(options, "options is null");
    return uploadAll(directory, links, ObjectFilter.ALL, target, prefix, options);
  }

  /**
   * Uploads the regular files under a directory that a filter takes, as {@link #uploadAll(Path,
   * SymbolicLinks, ObjectStore, String, WriteOptions)} does.
   *
   * @param directory the directory
   * @param links whether to follow symbolic links
   * @param filter which files take part, by their path below the directory
   * @param target the store to write
   * @param prefix the prefix of every key, such as {@code "backup/"}; empty for none
   * @param options metadata and create-only for every new object
   * @return the files uploaded, each that failed and each left out as no regular file
   * @throws UncheckedIOException if the directory cannot be walked
   * @throws StorageException if a failure would fail every file
   */
  public BatchResult uploadAll(
      Path directory,
      SymbolicLinks links,
      ObjectFilter filter,
      ObjectStore target,
      String prefix,
      WriteOptions options) {
    requireNonNull(directory, "directory is null");
    requireNonNull(links, "links is null");
    requireNonNull(filter, "filter is null");
    requireNonNull(target, "target is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(options, "options is null");
    return BatchTransfers.uploadAll(
        this, engine, directory, links, filter, target, prefix, options);
  }

  /**
   * Downloads every object under a prefix into a directory, listing as it goes; each file is the
   * key without the prefix, resolved against the directory, and written as {@link #download} does.
   *
   * @param source the store to read
   * @param prefix the prefix to download, such as {@code "backup/"}; empty for all
   * @param directory the directory to write into
   * @return the objects downloaded and each that failed
   * @throws StorageException if the listing fails, or a failure would fail every object
   */
  public BatchResult downloadAll(ObjectStore source, String prefix, Path directory) {
    return downloadAll(source, prefix, directory, ObjectFilter.ALL);
  }

  /**
   * Downloads the objects under a prefix that a filter takes, as {@link #downloadAll(ObjectStore,
   * String, Path)} does.
   *
   * @param source the store to read
   * @param prefix the prefix to download
   * @param directory the directory to write into
   * @param filter which objects take part, by their key below {@code prefix}
   * @return the objects downloaded and each that failed
   * @throws StorageException if a failure would fail every object, or the listing fails
   */
  public BatchResult downloadAll(
      ObjectStore source, String prefix, Path directory, ObjectFilter filter) {
    requireNonNull(source, "source is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(directory, "directory is null");
    requireNonNull(filter, "filter is null");
    return BatchTransfers.downloadAll(this, engine, source, prefix, directory, filter);
  }

  /**
   * Deletes many keys in batches of the store's declared size, several batches at once, retrying
   * keys that failed retryably; the keys are consumed as the deletion goes.
   *
   * @param store the store
   * @param keys the keys, for example a listing's keys
   * @return how many were deleted, and each that may remain with why
   * @throws StorageException if a whole batch request fails, or the keys' source fails
   */
  public DeleteReport deleteAll(ObjectStore store, Stream<String> keys) {
    requireNonNull(store, "store is null");
    requireNonNull(keys, "keys is null");
    try (keys) {
      return FanOut.delete(engine, store, keys.iterator());
    }
  }

  /**
   * Stats many keys with at most {@link TransferEngineBuilder#statConcurrency} requests in flight.
   *
   * @param store the store
   * @param keys the keys
   * @return each key's info, or empty if it does not exist, in the order of {@code keys}
   * @throws StorageException the first error that survived its retries; the remaining stats were
   *     not sent
   */
  public List<Optional<ObjectInfo>> statAll(ObjectStore store, List<String> keys) {
    requireNonNull(store, "store is null");
    return FanOut.stat(engine, store, new ArrayList<>(keys));
  }

  /**
   * Removes what killed downloads left in a local folder and no run will continue: partial files
   * and their range notes untouched for {@code olderThan}, unless a running download holds them.
   *
   * @param directory the folder, searched with its subfolders
   * @param olderThan how long the files must have been untouched
   * @return how many files were removed
   * @throws UncheckedIOException if the folder cannot be read
   */
  public long sweepPartialDownloads(Path directory, Duration olderThan) {
    requireNonNull(directory, "directory is null");
    requireNonNull(olderThan, "olderThan is null");
    return PartialDownloads.sweep(directory, olderThan);
  }

  /**
   * Aborts abandoned multipart uploads under a prefix: those that began at least {@code olderThan}
   * ago, and any the abort journal holds for this store.
   *
   * @param store the store
   * @param prefix the key prefix; empty for the whole store
   * @param olderThan how old an upload must be; uploads still running are younger
   * @return what was found and aborted
   * @throws StorageException if the uploads cannot be listed
   */
  public SweepResult sweep(ObjectStore store, String prefix, Duration olderThan) {
    requireNonNull(store, "store is null");
    return Sweeper.sweep(engine, store, prefix, olderThan, Instant.now());
  }

  /**
   * Returns the engine's counters.
   *
   * @return requests, retries, throttling, the current concurrency bound and peak buffer use
   */
  public EngineMetrics metrics() {
    return engine.metrics();
  }

  /**
   * Cancels every transfer of the engine, for a Ctrl-C or a shutdown: no new request is sent, the
   * requests in flight settle, multipart uploads are aborted and checked gone, and partial download
   * files are removed; waits up to {@code within} for that. Uploads still open then are written to
   * the {@link TransferEngineBuilder#abortJournal abort journal}, if there is one, for {@link
   * #sweep}. Transfers fail with a {@link PermanentStorageException} saying they were cancelled,
   * and a batch in progress with a {@link java.util.concurrent.CancellationException}; any transfer
   * started afterwards fails at once. The engine installs no shutdown hook itself: a command that
   * wants one calls this from it.
   *
   * @param within how long to wait for the transfers to end, cleanup included
   * @return what was stopped, aborted and left
   */
  public CancelReport cancel(Duration within) {
    requireNonNull(within, "within is null");
    return engine.cancel(within);
  }

  /** Stops the engine's threads; transfers in progress fail. Idempotent. */
  @Override
  public void close() {
    engine.close();
  }

  /** A transfer that reads one object of a store, for describing it before it is read. */
  private Transfer described(ObjectStore source, String key) {
    return new Transfer(
        engine, ErrorContext.of(StorageOperation.READ, source.location()).withKey(key), key, -1);
  }

  private static void check(ObjectStore target, String key, WriteOptions options) {
    requireNonNull(target, "target is null");
    requireNonNull(key, "key is null");
    requireNonNull(options, "options is null");
  }
}
