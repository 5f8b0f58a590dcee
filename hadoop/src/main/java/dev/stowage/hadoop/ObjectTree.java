package dev.stowage.hadoop;

import dev.stowage.api.Content;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.DeleteReport;
import dev.stowage.engine.TransferEngine;
import dev.stowage.engine.internal.Listings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Files and directories over a flat key space, as object-store filesystems have them: a file is an
 * object; a directory is a prefix that some object lies under, or an empty directory's {@link
 * ObjectPaths#MARKER marker}. No marker is written for a directory that holds objects, and the
 * markers that exist are kept, so a write costs no extra requests.
 */
final class ObjectTree {
  private static final byte[] EMPTY = new byte[0];
  private static final int REMEMBERED_DIRECTORIES = 4_096;

  private final ObjectStore store;
  private final TransferEngine engine;

  /**
   * Keys found by {@link #fileAncestor} not to be files, and all the keys above them with them, the
   * least recently used dropped first: a tree of many files asks about each directory once.
   */
  private final Map<String, Boolean> notFiles =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > REMEMBERED_DIRECTORIES;
        }
      };

  ObjectTree(ObjectStore store, TransferEngine engine) {
    this.store = store;
    this.engine = engine;
  }

  /** One entry of a directory: a file with its info, or a directory with its key. */
  record Entry(String key, Optional<ObjectInfo> file) {
    boolean isDirectory() {
      return file.isEmpty();
    }
  }

  /** Returns the file at a key, or empty if there is none (the root is never a file). */
  Optional<ObjectInfo> file(String key) throws IOException {
    if (key.isEmpty()) {
      return Optional.empty();
    }
    return HadoopErrors.translated(() -> store.stat(key));
  }

  /** Returns whether a directory exists at a key: the root, a marker, or an object under it. */
  boolean isDirectory(String key) throws IOException {
    if (key.isEmpty()) {
      return true;
    }
    ListPage page =
        HadoopErrors.translated(
            () ->
                store.list(
                    ListRequest.builder().prefix(ObjectPaths.prefix(key)).pageSize(1).build()));
    return !page.objects().isEmpty() || !page.commonPrefixes().isEmpty();
  }

  /** Returns what lies directly in a directory, markers left out, in key order. */
  List<Entry> children(String key) throws IOException {
    List<Entry> entries = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    ListRequest request =
        ListRequest.builder().prefix(ObjectPaths.prefix(key)).delimiter("/").build();
    while (true) {
      ListRequest current = request;
      ListPage page = HadoopErrors.translated(() -> store.list(current));
      for (ObjectInfo object : page.objects()) {
        if (!ObjectPaths.isMarker(object.key())) {
          entries.add(new Entry(object.key(), Optional.of(object)));
        }
      }
      for (String prefix : page.commonPrefixes()) {
        entries.add(new Entry(prefix.substring(0, prefix.length() - 1), Optional.empty()));
      }
      if (page.nextToken().isEmpty()) {
        entries.sort((a, b) -> a.key().compareTo(b.key()));
        return entries;
      }
      String token = page.nextToken().get();
      if (!tokens.add(token)) {
        throw new IOException(
            "the listing of "
                + store.location()
                + " under '"
                + key
                + "' repeated a continuation token and would not end");
      }
      request = request.next(token);
    }
  }

  /** Returns every object under a directory, markers included, fetched page by page. */
  Stream<ObjectInfo> descendants(String key) {
    return Listings.objects(store, ListRequest.of(ObjectPaths.prefix(key)));
  }

  /** Returns whether a directory holds anything but its own marker. */
  boolean hasChildren(String key) throws IOException {
    ListPage page =
        HadoopErrors.translated(
            () ->
                store.list(
                    ListRequest.builder().prefix(ObjectPaths.prefix(key)).pageSize(2).build()));
    return page.objects().stream().anyMatch(o -> !o.key().equals(ObjectPaths.marker(key)))
        || !page.commonPrefixes().isEmpty();
  }

  /** Writes the marker of an empty directory. */
  void makeDirectory(String key) throws IOException {
    HadoopErrors.translated(
        () -> store.put(ObjectPaths.marker(key), Content.ofBytes(EMPTY), WriteOptions.DEFAULTS));
  }

  /** Keeps the parent of a removed key in existence, as a filesystem would, with a marker. */
  void keepParent(String key) throws IOException {
    String parent = ObjectPaths.parent(key);
    if (!parent.isEmpty() && !isDirectory(parent)) {
      makeDirectory(parent);
    }
  }

  /** Deletes one object. */
  void delete(String key) throws IOException {
    HadoopErrors.translated(
        () -> {
          store.delete(key);
          return null;
        });
  }

  /** Deletes every object under a directory, its marker too, in batches. */
  void deleteDescendants(String key) throws IOException {
    DeleteReport report;
    try (Stream<String> keys = descendants(key).map(ObjectInfo::key)) {
      report = HadoopErrors.translated(() -> engine.deleteAll(store, keys));
    } catch (StorageException e) {
      throw HadoopErrors.translate(e);
    }
    if (!report.isComplete()) {
      Map.Entry<String, StorageException> first = report.failures().entrySet().iterator().next();
      throw new IOException(
          report.failures().size()
              + " objects under '"
              + key
              + "' could not be deleted; the first, '"
              + first.getKey()
              + "': "
              + first.getValue().getMessage(),
          first.getValue());
    }
  }

  /**
   * Returns the nearest ancestor of a key that is a file, if any: every level up is described at
   * once through the engine's fan-out, so a deep path costs one round trip, not one per level, and
   * levels found not to be files before are not asked again (up to {@value #REMEMBERED_DIRECTORIES}
   * keys, for this filesystem's own writes; a file another client writes at such a key is not
   * seen).
   */
  Optional<String> fileAncestor(String key) throws IOException {
    List<String> ancestors = new ArrayList<>();
    for (String parent = ObjectPaths.parent(key);
        !parent.isEmpty() && !knownNotFile(parent);
        parent = ObjectPaths.parent(parent)) {
      ancestors.add(parent);
    }
    if (ancestors.isEmpty()) {
      return Optional.empty();
    }
    List<Optional<ObjectInfo>> found =
        HadoopErrors.translated(() -> engine.statAll(store, ancestors));
    for (int i = 0; i < ancestors.size(); i++) {
      if (found.get(i).isPresent()) {
        return Optional.of(ancestors.get(i));
      }
    }
    synchronized (notFiles) {
      for (int i = ancestors.size() - 1; i >= 0; i--) {
        notFiles.put(ancestors.get(i), Boolean.TRUE);
      }
    }
    return Optional.empty();
  }

  /**
   * Forgets what {@link #fileAncestor} learnt of a key, which this filesystem is making a file (or
   * a tree of files: a rename's target), and of every key under it, since a key is remembered with
   * all its ancestors as not files.
   */
  void becomeFiles(String key) {
    String under = ObjectPaths.prefix(key);
    synchronized (notFiles) {
      notFiles.keySet().removeIf(known -> known.equals(key) || known.startsWith(under));
    }
  }

  private boolean knownNotFile(String key) {
    synchronized (notFiles) {
      return notFiles.containsKey(key);
    }
  }
}
