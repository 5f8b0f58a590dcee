package dev.stowage.hadoop;

import dev.stowage.api.DeleteResult;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import java.io.IOException;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.BulkDelete;
import org.apache.hadoop.fs.Path;

/**
 * Hadoop's bulk delete of files under a base path: one call of the store's batch delete per page,
 * the page as large as the store's batch limit (1,000 keys on S3). As Hadoop's contract for object
 * stores allows, a directory path deletes nothing under it and no parent marker is written.
 */
final class StowageBulkDelete implements BulkDelete {
  private final ObjectStore store;
  private final ObjectPaths paths;
  private final Path base;
  private final String baseKey;
  private final Path workingDirectory;

  StowageBulkDelete(ObjectStore store, ObjectPaths paths, Path base, Path workingDirectory) {
    this.store = store;
    this.paths = paths;
    this.base = base;
    this.workingDirectory = workingDirectory;
    this.baseKey = paths.key(base, workingDirectory);
  }

  @Override
  public int pageSize() {
    return store.capabilities().maxDeleteBatch();
  }

  @Override
  public Path basePath() {
    return base;
  }

  @Override
  public List<Map.Entry<Path, String>> bulkDelete(Collection<Path> toDelete) throws IOException {
    if (toDelete.size() > pageSize()) {
      throw new IllegalArgumentException(
          toDelete.size() + " paths, more than the page size of " + pageSize());
    }
    List<String> keys = new ArrayList<>();
    for (Path path : toDelete) {
      String key = paths.key(path, workingDirectory);
      if (key.isEmpty() || !key.startsWith(ObjectPaths.prefix(baseKey)) && !key.equals(baseKey)) {
        throw new IllegalArgumentException(path + " is not under the base path " + base);
      }
      keys.add(key);
    }
    if (keys.isEmpty()) {
      return List.of();
    }
    DeleteResult result =
        HadoopErrors.translated(() -> store.deleteAll(keys.stream().distinct().toList()));
    List<Map.Entry<Path, String>> failures = new ArrayList<>();
    for (Map.Entry<String, StorageException> failed : result.failed().entrySet()) {
      failures.add(
          new AbstractMap.SimpleImmutableEntry<>(
              paths.path(failed.getKey()), failed.getValue().getMessage()));
    }
    return failures;
  }

  @Override
  public void close() {}
}
