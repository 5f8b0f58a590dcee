package dev.stowage.engine;

import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The engine's operations on many objects at once. Each object is transferred and verified as the
 * engine's single-object operations do it, at most {@link TransferEngineBuilder#concurrency} of
 * them at once; keys and listings are consumed as the batch goes, so memory does not grow with the
 * number of objects. A failure of one object is recorded in the result under its key while the rest
 * go on; a failure that would fail every object (refused credentials, a missing bucket) ends the
 * batch with a {@link StorageException}.
 *
 * <p>Implemented by {@link TransferEngine} alone.
 */
public sealed interface BatchOperations permits TransferEngine {
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
  default BatchResult copyAll(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      WriteOptions options) {
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
  BatchResult copyAll(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      WriteOptions options,
      ObjectFilter filter);

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
  BatchResult copyEach(
      ObjectStore source, Iterator<KeyCopy> copies, ObjectStore target, WriteOptions options);

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
  BatchResult moveAll(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      WriteOptions options,
      ObjectFilter filter);

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
  SyncResult sync(
      ObjectStore source,
      String sourcePrefix,
      ObjectStore target,
      String targetPrefix,
      SyncOptions options);

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
  default BatchResult uploadAll(
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
  default BatchResult uploadAll(
      Path directory,
      SymbolicLinks links,
      ObjectStore target,
      String prefix,
      WriteOptions options) {
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
  BatchResult uploadAll(
      Path directory,
      SymbolicLinks links,
      ObjectFilter filter,
      ObjectStore target,
      String prefix,
      WriteOptions options);

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
  default BatchResult downloadAll(ObjectStore source, String prefix, Path directory) {
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
  BatchResult downloadAll(ObjectStore source, String prefix, Path directory, ObjectFilter filter);

  /**
   * Deletes many keys in batches of the store's declared size, several batches at once, retrying
   * keys that failed retryably; the keys are consumed as the deletion goes.
   *
   * @param store the store
   * @param keys the keys, for example a listing's keys
   * @return how many were deleted, and each that may remain with why
   * @throws StorageException if a whole batch request fails, or the keys' source fails
   */
  DeleteReport deleteAll(ObjectStore store, Stream<String> keys);

  /**
   * Stats many keys with at most {@link TransferEngineBuilder#statConcurrency} requests in flight.
   *
   * @param store the store
   * @param keys the keys
   * @return each key's info, or empty if it does not exist, in the order of {@code keys}
   * @throws StorageException the first error that survived its retries; the remaining stats were
   *     not sent
   */
  List<Optional<ObjectInfo>> statAll(ObjectStore store, List<String> keys);

  /**
   * Removes what killed downloads left in a local folder and no run will continue: partial files
   * and their range notes untouched for {@code olderThan}, unless a running download holds them.
   *
   * @param directory the folder, searched with its subfolders
   * @param olderThan how long the files must have been untouched
   * @return how many files were removed
   * @throws UncheckedIOException if the folder cannot be read
   */
  long sweepPartialDownloads(Path directory, Duration olderThan);

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
  SweepResult sweep(ObjectStore store, String prefix, Duration olderThan);
}
