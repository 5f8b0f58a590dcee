package dev.stowage.cli;

import dev.stowage.api.Content;
import dev.stowage.api.ListPage;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.cli.StoreProbe.Finding;
import dev.stowage.cli.StoreProbe.Verdict;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a paged listing gives every key once, in order: five keys under a folder of their own,
 * listed two at a time. A store that ignores the page size, hands a token out twice, or does not
 * list as the provider asks (an S3 server without ListObjectsV2, say) shows here, before a sync or
 * a sweep lists a whole bucket.
 */
final class ListingProbe {
  static final String NAME = "paged listing";
  private static final int KEYS = 5;
  private static final int PAGE = 2;
  private static final int MOST_PAGES = 10;

  private ListingProbe() {}

  /**
   * @param folder a folder of its own under the scratch prefix, ending with {@code /}
   */
  static Finding run(ObjectStore store, String folder) {
    List<String> written = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      String key = folder + "key-" + i;
      store.put(key, Content.ofBytes(new byte[] {(byte) i}), WriteOptions.DEFAULTS);
      written.add(key);
    }
    List<String> listed = new ArrayList<>();
    Set<String> tokens = new HashSet<>();
    ListRequest request = ListRequest.builder().prefix(folder).pageSize(PAGE).build();
    int pages = 0;
    while (true) {
      ListPage page = store.list(request);
      pages++;
      page.objects().stream().map(ObjectInfo::key).forEach(listed::add);
      if (page.objects().size() > PAGE) {
        return quirk(pages, "a page held " + page.objects().size() + " keys, " + PAGE + " asked");
      }
      if (page.nextToken().isEmpty()) {
        break;
      }
      if (!tokens.add(page.nextToken().get())) {
        return quirk(pages, "a continuation token came twice: the listing would not end");
      }
      if (pages == MOST_PAGES) {
        return quirk(pages, "the listing did not end");
      }
      request = request.next(page.nextToken().get());
    }
    if (!listed.equals(written)) {
      return quirk(pages, "listed " + listed + ", wrote " + written);
    }
    return new Finding(
        NAME, Verdict.OK, KEYS + " keys listed " + PAGE + " a page, each once, in order");
  }

  private static Finding quirk(int pages, String what) {
    return new Finding(NAME, Verdict.QUIRK, what + " (after " + pages + " pages)");
  }
}
