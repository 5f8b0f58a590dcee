package dev.stowage.cli;

import dev.stowage.api.Content;
import dev.stowage.api.DeleteResult;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.api.WriteOptions;
import dev.stowage.cli.StoreProbe.Finding;
import dev.stowage.cli.StoreProbe.Verdict;
import java.util.List;

/**
 * Whether a batch delete works: two keys written, then deleted in one request, then gone. A server
 * that refuses the request as the provider sends it (one that requires a Content-MD5 where the SDK
 * sends a CRC-32) fails here, before a sync or a sweep deletes in batches.
 */
final class BatchDeleteProbe {
  static final String NAME = "batch delete";

  private BatchDeleteProbe() {}

  /**
   * @param folder a folder of its own under the scratch prefix, ending with {@code /}
   * @throws StorageException if the store refuses the batch, or a key of it
   */
  static Finding run(ObjectStore store, String folder) {
    List<String> keys = List.of(folder + "a", folder + "b");
    for (String key : keys) {
      store.put(key, Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS);
    }
    DeleteResult result = store.deleteAll(keys);
    if (!result.failed().isEmpty()) {
      throw result.failed().values().iterator().next();
    }
    List<String> left = keys.stream().filter(key -> store.stat(key).isPresent()).toList();
    if (!left.isEmpty()) {
      return new Finding(NAME, Verdict.QUIRK, "reported deleted, but still there: " + left);
    }
    return new Finding(NAME, Verdict.OK, keys.size() + " keys deleted in one request");
  }
}
