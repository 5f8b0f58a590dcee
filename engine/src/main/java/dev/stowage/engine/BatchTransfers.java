package dev.stowage.engine;

import dev.stowage.api.ErrorContext;
import dev.stowage.api.InvalidKeyException;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageException;
import dev.stowage.api.StorageLocation;
import dev.stowage.api.StorageOperation;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.internal.Listings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The multi-object transfers of {@link TransferEngine}: a listing or a directory walk consumed as
 * it goes, each object transferred as the engine's single transfers do, at most the engine's
 * concurrency of them at once ({@link BatchRunner}).
 */
final class BatchTransfers {
  private BatchTransfers() {}

  static BatchResult copyAll(
      EngineResources engine, PrefixPair prefixes, WriteOptions options, ObjectFilter filter) {
    return copyListed(engine, prefixes, options, filter, key -> {});
  }

  /** As {@link #copyAll}, each source object deleted once its copy is verified. */
  static BatchResult moveAll(
      EngineResources engine, PrefixPair prefixes, WriteOptions options, ObjectFilter filter) {
    return copyListed(
        engine, prefixes, options, filter, key -> deleteMoved(prefixes.source(), key));
  }

  private static BatchResult copyListed(
      EngineResources engine,
      PrefixPair prefixes,
      WriteOptions options,
      ObjectFilter filter,
      Consumer<String> afterCopy) {
    try (Stream<ObjectInfo> objects = listed(prefixes.source(), prefixes.sourcePrefix(), filter)) {
      return BatchRunner.run(
          engine,
          objects.iterator(),
          ObjectInfo::key,
          ObjectInfo::size,
          object -> {
            long bytes =
                copyOne(
                    engine,
                    prefixes.source(),
                    object,
                    prefixes.target(),
                    prefixes.targetKey(object.key()),
                    options);
            afterCopy.accept(object.key());
            return bytes;
          });
    }
  }

  /** Deletes the source of a move whose copy was verified. */
  static void deleteMoved(ObjectStore source, String key) {
    try {
      source.delete(key);
    } catch (StorageException e) {
      throw new PermanentStorageException(
          e.context(),
          "copied and verified, but not deleted from the source ("
              + e.getMessage()
              + "); it is in both places now",
          e);
    }
  }

  /**
   * The objects under a prefix that a filter takes, by their key below it; folder markers ({@code
   * a/}) are no objects.
   */
  static Stream<ObjectInfo> listed(ObjectStore store, String prefix, ObjectFilter filter) {
    return Listings.objects(store, ListRequest.of(prefix))
        .filter(o -> !o.key().endsWith("/"))
        .filter(o -> filter.accepts(o, o.key().substring(prefix.length())));
  }

  /** Copies the given keys, each as {@link TransferEngine#copy} does. */
  static BatchResult copyEach(
      TransferEngine transfers,
      EngineResources engine,
      ObjectStore source,
      Iterator<KeyCopy> copies,
      ObjectStore target,
      WriteOptions options) {
    return BatchRunner.run(
        engine,
        copies,
        KeyCopy::sourceKey,
        KeyCopy::size,
        copy ->
            transfers.copy(source, copy.sourceKey(), target, copy.targetKey(), options).bytes());
  }

  /** Copies one listed object, asking the source for its checksums if it is read in ranges. */
  static long copyOne(
      EngineResources engine,
      ObjectStore source,
      ObjectInfo object,
      ObjectStore target,
      String key,
      WriteOptions options) {
    ObjectInfo info = object;
    if (object.size() > engine.partSize) {
      // large objects are read in ranges, which the source cannot check whole: compare with its
      // recorded checksums instead
      info = source.stat(object.key()).orElse(object);
    }
    return ObjectCopy.run(engine, source, info, target, key, options).bytes();
  }

  static BatchResult uploadAll(
      TransferEngine transfers,
      EngineResources engine,
      Path directory,
      SymbolicLinks links,
      ObjectFilter filter,
      ObjectStore target,
      String prefix,
      WriteOptions options) {
    try (LocalTree files = new LocalTree(directory, links, filter)) {
      return BatchRunner.run(
              engine,
              files,
              file -> keyOf(directory, file, prefix),
              BatchTransfers::sizeOf,
              file -> uploadOne(transfers, directory, file, target, prefix, options))
          .withWalk(files.skipped(), prefixed(prefix, files.unreadable()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot walk " + directory + ": " + e.getMessage(), e);
    }
  }

  /** Uploads one file of a walk; one that cannot be opened fails alone, not the batch. */
  private static long uploadOne(
      TransferEngine transfers,
      Path directory,
      Path file,
      ObjectStore target,
      String prefix,
      WriteOptions options) {
    String key = keyOf(directory, file, prefix);
    try {
      return transfers.upload(file, target, key, options).bytes();
    } catch (UncheckedIOException e) {
      throw new PermanentStorageException(
          ErrorContext.of(StorageOperation.READ, StorageLocation.of(directory))
              .withKey(directory.relativize(file).toString()),
          e.getMessage() + "; it was left out, the rest was copied",
          e.getCause());
    }
  }

  private static Map<String, StorageException> prefixed(
      String prefix, Map<String, StorageException> failures) {
    Map<String, StorageException> keyed = new TreeMap<>();
    failures.forEach((path, failure) -> keyed.put(prefix + path, failure));
    return keyed;
  }

  /** A file's size as the walk finds it, or -1 if it cannot be read (its upload will say why). */
  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private static String keyOf(Path directory, Path file, String prefix) {
    StringBuilder key = new StringBuilder(prefix);
    Path relative = directory.relativize(file);
    for (int i = 0; i < relative.getNameCount(); i++) {
      key.append(i == 0 ? "" : "/").append(relative.getName(i));
    }
    return key.toString();
  }

  static BatchResult downloadAll(
      TransferEngine transfers,
      EngineResources engine,
      ObjectStore source,
      String prefix,
      Path directory,
      ObjectFilter filter) {
    Path root = directory.toAbsolutePath().normalize();
    try (Stream<ObjectInfo> objects = listed(source, prefix, filter)) {
      Iterator<ObjectInfo> files = objects.iterator();
      return BatchRunner.run(
          engine,
          files,
          ObjectInfo::key,
          ObjectInfo::size,
          object -> {
            Path file = root.resolve(object.key().substring(prefix.length())).normalize();
            if (!file.startsWith(root) || file.equals(root)) {
              throw new InvalidKeyException(
                  ErrorContext.of(StorageOperation.READ, source.location()).withKey(object.key()),
                  "the key would be written outside " + root + "; it was skipped.");
            }
            LocalWrites.refuseLinks(root, file);
            return transfers.download(source, object.key(), file).bytes();
          });
    }
  }
}
