package dev.stowage.engine;

import static java.util.Objects.requireNonNull;

import dev.stowage.api.Content;
import dev.stowage.api.IntegrityException;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectNotFoundException;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
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
 * verified end to end, as the {@linkplain dev.stowage.engine package} describes. The operations on
 * one object are here, those on many in {@link BatchOperations}.
 *
 * <p>Thread-safe; close it to stop its threads.
 */
public final class TransferEngine implements BatchOperations, AutoCloseable {
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
    return SlicedUpload.ofFile(engine, file, target, key, options);
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
    ObjectInfo info = Transfer.reading(engine, source, sourceKey).existing(source, sourceKey);
    return ObjectCopy.run(engine, source, info, target, targetKey, options);
  }

  /** Copies an object the caller has described, as {@link #copy} does. */
  TransferResult copy(
      ObjectStore source, ObjectInfo info, ObjectStore target, String key, WriteOptions options) {
    return ObjectCopy.run(engine, source, info, target, key, options);
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
    Transfer transfer = Transfer.reading(engine, source, key);
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

  @Override
  public BatchResult copyAll(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      WriteOptions options,
      ObjectFilter filter) {
    PrefixPair prefixes = new PrefixPair(source, sourcePrefix, target, targetPrefix);
    requireNonNull(options, "options is null");
    requireNonNull(filter, "filter is null");
    return BatchTransfers.copyAll(engine, prefixes, options, filter);
  }

  @Override
  public BatchResult copyEach(
      ObjectStore source, Iterator<KeyCopy> copies, ObjectStore target, WriteOptions options) {
    requireNonNull(source, "source is null");
    requireNonNull(copies, "copies is null");
    requireNonNull(target, "target is null");
    requireNonNull(options, "options is null");
    return BatchTransfers.copyEach(this, engine, source, copies, target, options);
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

  @Override
  public BatchResult moveAll(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      WriteOptions options,
      ObjectFilter filter) {
    PrefixPair prefixes = new PrefixPair(source, sourcePrefix, target, targetPrefix);
    requireNonNull(options, "options is null");
    requireNonNull(filter, "filter is null");
    return BatchTransfers.moveAll(engine, prefixes, options, filter);
  }

  @Override
  public SyncResult sync(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      SyncOptions options) {
    PrefixPair prefixes = new PrefixPair(source, sourcePrefix, target, targetPrefix);
    requireNonNull(options, "options is null");
    return new Sync(this, engine, prefixes, options).run();
  }

  @Override
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

  @Override
  public BatchResult downloadAll(
      ObjectStore source, String prefix, Path directory, ObjectFilter filter) {
    requireNonNull(source, "source is null");
    requireNonNull(prefix, "prefix is null");
    requireNonNull(directory, "directory is null");
    requireNonNull(filter, "filter is null");
    return BatchTransfers.downloadAll(this, engine, source, prefix, directory, filter);
  }

  @Override
  public DeleteReport deleteAll(ObjectStore store, Stream<String> keys) {
    requireNonNull(store, "store is null");
    requireNonNull(keys, "keys is null");
    try (keys) {
      return FanOut.delete(engine, store, keys.iterator());
    }
  }

  @Override
  public List<Optional<ObjectInfo>> statAll(ObjectStore store, List<String> keys) {
    requireNonNull(store, "store is null");
    return FanOut.stat(engine, store, new ArrayList<>(keys));
  }

  @Override
  public long sweepPartialDownloads(Path directory, Duration olderThan) {
    requireNonNull(directory, "directory is null");
    requireNonNull(olderThan, "olderThan is null");
    return PartialDownloads.sweep(directory, olderThan);
  }

  @Override
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

  private static void check(ObjectStore target, String key, WriteOptions options) {
    requireNonNull(target, "target is null");
    requireNonNull(key, "key is null");
    requireNonNull(options, "options is null");
  }
}
