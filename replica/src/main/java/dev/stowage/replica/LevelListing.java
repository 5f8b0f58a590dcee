package dev.stowage.replica;

import com.google.common.collect.Iterators;
import dev.stowage.api.Capability;
import dev.stowage.api.ListRequest;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.StorageException;
import dev.stowage.engine.TransferEngine;
import dev.stowage.engine.internal.Listings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files of one level, listed from a seek position: names parsed into transaction ranges, and
 * each file's time from the listing or, for exact times, from its header timestamp kept as metadata
 * (read with a bounded fan-out of stats, a page at a time).
 */
final class LevelListing {
  private static final Logger LOG = LoggerFactory.getLogger(ReplicaClient.class);
  private static final int FAN_OUT_PAGE = ListRequest.MAX_PAGE_SIZE;

  private final ObjectStore store;
  private final TransferEngine engine;
  private final ReplicaLayout layout;

  LevelListing(ObjectStore store, TransferEngine engine, ReplicaLayout layout) {
    this.store = store;
    this.engine = engine;
    this.layout = layout;
  }

  List<LtxFile> files(int level, long seek, TimestampMode mode) {
    String prefix = layout.levelPrefix(level);
    ListRequest.Builder request = ListRequest.builder().prefix(prefix).delimiter("/");
    if (seek > 1) {
      request.startAfter(prefix + String.format("%016x", seek));
    }
    List<LtxFile> files = new ArrayList<>();
    // where the store keeps the header time as the modification time, the listing has it already
    boolean fanOut =
        mode == TimestampMode.EXACT
            && !store.capabilities().supports(Capability.SETTABLE_LAST_MODIFIED);
    try (var objects = Listings.objects(store, request.build())) {
      Iterator<List<ObjectInfo>> pages = Iterators.partition(objects.iterator(), FAN_OUT_PAGE);
      while (pages.hasNext()) {
        List<ObjectInfo> page = new ArrayList<>();
        List<long[]> ranges = new ArrayList<>();
        for (ObjectInfo object : pages.next()) {
          String name = object.key().substring(prefix.length());
          Optional<long[]> range = LtxFile.parseName(name);
          if (range.isPresent() && range.get()[0] >= seek) {
            page.add(object);
            ranges.add(range.get());
          }
        }
        List<Instant> times = fanOut ? exactTimes(page) : listedTimes(page);
        for (int i = 0; i < page.size(); i++) {
          long[] range = ranges.get(i);
          files.add(new LtxFile(level, range[0], range[1], page.get(i).size(), times.get(i)));
        }
      }
    }
    files.sort(Comparator.comparingLong(LtxFile::minTxid).thenComparingLong(LtxFile::maxTxid));
    return files;
  }

  private static List<Instant> listedTimes(List<ObjectInfo> objects) {
    List<Instant> times = new ArrayList<>(objects.size());
    for (ObjectInfo object : objects) {
      times.add(object.lastModified().orElse(Instant.EPOCH));
    }
    return times;
  }

  private List<Instant> exactTimes(List<ObjectInfo> objects) {
    List<Instant> times = listedTimes(objects);
    if (objects.isEmpty()) {
      return times;
    }
    List<Optional<ObjectInfo>> stats;
    try {
      stats = engine.statAll(store, objects.stream().map(ObjectInfo::key).toList());
    } catch (StorageException e) {
      LOG.warn(
          "reading the timestamps of {} files at {} failed; using their listing times: {}",
          objects.size(),
          store.location(),
          e.getMessage());
      return times;
    }
    for (int i = 0; i < stats.size(); i++) {
      Optional<Instant> exact =
          stats
              .get(i)
              .map(info -> info.userMetadata().get(ReplicaClient.TIMESTAMP_METADATA))
              .flatMap(GoTime::parse);
      if (exact.isPresent()) {
        times.set(i, exact.get());
      }
    }
    return times;
  }
}
