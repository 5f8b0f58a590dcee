package dev.stowage.hadoop;

import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.engine.BatchResult;
import java.io.IOException;
import java.util.Map;

/**
 * Hadoop's rename over an object store: each object copied, verified, then its source deleted. A
 * file is one copy; a directory is every object under it, copied in parallel by the engine before
 * any source is deleted, so a failure leaves the source whole (and possibly part of the target).
 * Returns false, changing nothing, where HDFS would: a missing source, the root, a target inside
 * the source, a target that exists (a file, or a directory whose entry of the source's name exists)
 * or whose parent does not.
 */
final class Rename {
  private final ObjectTree tree;
  private final StoreBinding binding;
  private final ObjectPaths paths;

  Rename(ObjectTree tree, StoreBinding binding, ObjectPaths paths) {
    this.tree = tree;
    this.binding = binding;
    this.paths = paths;
  }

  /** Renames the file or directory at one key to another; false if nothing was renamed. */
  boolean run(String source, String target) throws IOException {
    if (source.isEmpty()) {
      return false;
    }
    boolean sourceIsFile = tree.file(source).isPresent();
    if (!sourceIsFile && !tree.isDirectory(source)) {
      return false;
    }
    if (target.equals(source)) {
      return sourceIsFile;
    }
    if (target.startsWith(ObjectPaths.prefix(source))) {
      return false;
    }
    String destination = destination(source, target);
    if (destination == null) {
      return false;
    }
    tree.becomeFiles(destination);
    if (sourceIsFile) {
      HadoopErrors.translated(
          () ->
              binding
                  .engine()
                  .copy(
                      binding.store(),
                      source,
                      binding.store(),
                      destination,
                      WriteOptions.DEFAULTS));
      tree.delete(source);
    } else {
      copyDirectory(source, destination);
      tree.deleteDescendants(source);
    }
    tree.keepParent(source);
    return true;
  }

  /** Returns the key the source becomes, or null if the rename must not happen. */
  private String destination(String source, String target) throws IOException {
    if (tree.file(target).isPresent()) {
      return null;
    }
    if (!tree.isDirectory(target)) {
      String parent = ObjectPaths.parent(target);
      return tree.file(parent).isEmpty() && tree.isDirectory(parent) ? target : null;
    }
    String name = source.substring(source.lastIndexOf('/') + 1);
    String inside = target.isEmpty() ? name : target + "/" + name;
    if (inside.equals(source)) {
      return null;
    }
    if (tree.file(inside).isPresent() || tree.hasChildren(inside)) {
      return null;
    }
    return inside;
  }

  private void copyDirectory(String source, String destination) throws IOException {
    BatchResult result;
    try {
      result =
          binding
              .engine()
              .copyAll(
                  binding.store(),
                  ObjectPaths.prefix(source),
                  binding.store(),
                  ObjectPaths.prefix(destination),
                  WriteOptions.DEFAULTS);
    } catch (StorageException e) {
      throw HadoopErrors.translate(e);
    }
    if (!result.isComplete()) {
      Map.Entry<String, StorageException> first = result.failures().entrySet().iterator().next();
      throw new IOException(
          "rename of "
              + paths.path(source)
              + " to "
              + paths.path(destination)
              + " copied "
              + result.objects()
              + " objects and failed on "
              + result.failures().size()
              + "; the source is whole, the copies made stay. First failure, '"
              + first.getKey()
              + "': "
              + first.getValue().getMessage(),
          first.getValue());
    }
  }
}
