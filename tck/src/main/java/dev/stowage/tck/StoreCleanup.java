package dev.stowage.tck;

import dev.stowage.api.Capability;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Empties a prefix of a store: what a contract case or a live run leaves behind. */
final class StoreCleanup {
  private StoreCleanup() {}

  /**
   * Aborts the multipart uploads under a prefix (where they can be listed) and deletes its objects
   * page by page, in batches of the store's limit.
   *
   * @return the keys that could not be deleted
   */
  static List<String> empty(ObjectStore store, String prefix) {
    if (store.capabilities().supports(Capability.LIST_MULTIPART_UPLOADS)) {
      store.listMultipartUploads(prefix).forEach(store::abortMultipart);
    }
    int batch = store.capabilities().maxDeleteBatch();
    List<String> failed = new ArrayList<>();
    ListRequest request = ListRequest.of(prefix);
    Set<String> given = new HashSet<>();
    while (true) {
      ListPage page = store.list(request);
      List<String> keys = page.objects().stream().map(ObjectInfo::key).toList();
      for (int from = 0; from < keys.size(); from += batch) {
        failed.addAll(
            store
                .deleteAll(keys.subList(from, Math.min(keys.size(), from + batch)))
                .failed()
                .keySet());
      }
      if (page.nextToken().isEmpty()) {
        return failed;
      }
      String token = page.nextToken().get();
      if (!given.add(token)) {
        throw new IllegalStateException(
            "the store at "
                + store.location()
                + " returned a continuation token it gave before; cleaning "
                + prefix
                + " stopped instead of listing forever");
      }
      request = request.next(token);
    }
  }
}
