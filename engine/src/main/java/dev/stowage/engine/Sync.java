package dev.stowage.engine;

import dev.stowage.api.ChecksumAlgorithm;
import dev.stowage.api.ErrorContext;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.PermanentStorageException;
import dev.stowage.api.StorageOperation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * {@link TransferEngine#sync}: both listings read side by side in the stores' common key order
 * (UTF-8 bytes), so memory holds a page of each whatever their length; each key decided on the spot
 * and copied through the engine's batch runner; then, if asked and every copy succeeded, a second
 * pass over both listings deletes what the source lacks.
 */
final class Sync {
  private final TransferEngine transfers;
  private final EngineResources engine;
  private final ObjectStore source;
  private final String sourcePrefix;
  private final ObjectStore target;
  private final String targetPrefix;
  private final SyncOptions options;

  Sync(TransferEngine transfers, EngineResources engine, PrefixPair prefixes, SyncOptions options) {
    this.transfers = transfers;
    this.engine = engine;
    this.source = prefixes.source();
    this.sourcePrefix = prefixes.sourcePrefix();
    this.target = prefixes.target();
    this.targetPrefix = prefixes.targetPrefix();
    this.options = options;
  }

  SyncResult run() {
    long started = System.nanoTime();
    AtomicLong unchanged = new AtomicLong();
    BatchResult copies;
    try (Stream<ObjectInfo> from = listing(source, sourcePrefix);
        Stream<ObjectInfo> to = listing(target, targetPrefix)) {
      Iterator<Pair> pairs = new Merge(from.iterator(), to.iterator());
      Iterator<Copy> toCopy = copies(pairs, unchanged);
      if (options.dryRun()) {
        long count = 0;
        long bytes = 0;
        while (toCopy.hasNext()) {
          Copy copy = toCopy.next();
          count++;
          bytes += copy.object().size();
        }
        copies = new BatchResult(count, bytes, 0, Duration.ZERO, new java.util.TreeMap<>());
      } else {
        copies =
            BatchRunner.run(
                engine,
                toCopy,
                Copy::key,
                copy -> copy.object().size(),
                copy ->
                    BatchTransfers.copyOne(
                        engine,
                        source,
                        copy.object(),
                        target,
                        targetPrefix + copy.key(),
                        options.writeOptions()));
      }
    }
    long deleted = 0;
    if (options.delete() && copies.isComplete()) {
      deleted = deleteWhatTheSourceLacks();
    }
    return new SyncResult(
        copies.objects(),
        copies.bytes(),
        unchanged.get(),
        deleted,
        Duration.ofNanos(System.nanoTime() - started),
        copies.failures());
  }

  /** The objects to copy, told to the listener as they are found; the others are counted. */
  private Iterator<Copy> copies(Iterator<Pair> pairs, AtomicLong unchanged) {
    return new Iterator<>() {
      private Copy next;

      @Override
      public boolean hasNext() {
        while (next == null && pairs.hasNext()) {
          Pair pair = pairs.next();
          if (pair.source() == null) {
            continue; // only in the target: the deletion pass decides
          }
          Optional<String> why = difference(pair.source(), pair.target());
          if (why.isEmpty()) {
            unchanged.incrementAndGet();
            continue;
          }
          options
              .listener()
              .accept(
                  new SyncAction(
                      SyncAction.Kind.COPY, pair.key(), pair.source().size(), why.get()));
          next = new Copy(pair.key(), pair.source());
        }
        return next != null;
      }

      @Override
      public Copy next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Copy copy = next;
        next = null;
        return copy;
      }
    };
  }

  /** Why the source's object must be copied over the target's; empty if they are the same. */
  private Optional<String> difference(ObjectInfo from, ObjectInfo to) {
    if (to == null) {
      return Optional.of("missing");
    }
    if (from.size() != to.size()) {
      return Optional.of("size differs");
    }
    return switch (options.comparison()) {
      case SIZE -> Optional.empty();
      case TIME -> byTime(from, to);
      case CHECKSUM -> {
        Optional<Boolean> same = sameChecksum(from, to);
        if (same.isEmpty()) {
          same =
              sameChecksum(source.stat(from.key()).orElse(from), target.stat(to.key()).orElse(to));
        }
        yield same.isEmpty()
            ? Optional.of("no checksum in common")
            : same.get() ? Optional.empty() : Optional.of("checksum differs");
      }
      case AUTO -> {
        Optional<Boolean> same = sameChecksum(from, to);
        yield same.isPresent()
            ? same.get() ? Optional.empty() : Optional.of("checksum differs")
            : byTime(from, to);
      }
    };
  }

  private static Optional<String> byTime(ObjectInfo from, ObjectInfo to) {
    Optional<Instant> sourceTime = from.lastModified();
    Optional<Instant> targetTime = to.lastModified();
    if (sourceTime.isEmpty() || targetTime.isEmpty()) {
      return Optional.of("no time to compare");
    }
    return sourceTime.get().isAfter(targetTime.get()) ? Optional.of("newer") : Optional.empty();
  }

  /** Whether both carry the same value of a checksum they have in common; empty if none. */
  private static Optional<Boolean> sameChecksum(ObjectInfo from, ObjectInfo to) {
    for (ChecksumAlgorithm algorithm : ChecksumAlgorithm.values()) {
      String a = from.checksums().get(algorithm);
      String b = to.checksums().get(algorithm);
      if (a != null && b != null) {
        return Optional.of(a.equalsIgnoreCase(b));
      }
    }
    return Optional.empty();
  }

  /**
   * Deletes from the target what the source lacks, read from fresh listings of both. With a limit,
   * the keys are counted first, and none is deleted if there are more.
   */
  private long deleteWhatTheSourceLacks() {
    List<String> keys = new ArrayList<>();
    long limit = options.maxDelete().orElse(Long.MAX_VALUE);
    long found = 0;
    try (Stream<ObjectInfo> from = listing(source, sourcePrefix);
        Stream<ObjectInfo> to = listing(target, targetPrefix)) {
      Iterator<Pair> pairs = new Merge(from.iterator(), to.iterator());
      while (pairs.hasNext()) {
        Pair pair = pairs.next();
        if (pair.source() == null) {
          found++;
          if (found > limit) {
            throw new PermanentStorageException(
                ErrorContext.of(StorageOperation.DELETE, target.location()),
                "the sync would delete more than "
                    + limit
                    + " objects, the most allowed; nothing was deleted. Check the source, or"
                    + " raise the limit.");
          }
          options
              .listener()
              .accept(
                  new SyncAction(
                      SyncAction.Kind.DELETE,
                      pair.key(),
                      pair.target().size(),
                      "not in the source"));
          if (options.dryRun()) {
            continue;
          }
          keys.add(targetPrefix + pair.key());
          if (options.maxDelete().isEmpty() && keys.size() >= 1_000) {
            transfers.deleteAll(target, keys.stream());
            keys.clear();
          }
        }
      }
    }
    if (!options.dryRun() && !keys.isEmpty()) {
      transfers.deleteAll(target, keys.stream());
    }
    return found;
  }

  /** A side's objects that take part; folder markers ({@code a/}) are none. */
  private Stream<ObjectInfo> listing(ObjectStore store, String prefix) {
    return BatchTransfers.listed(store, prefix, options.filter());
  }

  /** A key below the prefixes and its object on each side, null where a side lacks it. */
  private record Pair(String key, ObjectInfo source, ObjectInfo target) {}

  /** An object to copy and its key below the prefixes. */
  private record Copy(String key, ObjectInfo object) {}

  /** Walks two listings sorted by the UTF-8 bytes of their keys together, key by key. */
  private final class Merge implements Iterator<Pair> {
    private final Iterator<ObjectInfo> from;
    private final Iterator<ObjectInfo> to;
    private ObjectInfo nextFrom;
    private ObjectInfo nextTo;

    Merge(Iterator<ObjectInfo> from, Iterator<ObjectInfo> to) {
      this.from = from;
      this.to = to;
      this.nextFrom = from.hasNext() ? from.next() : null;
      this.nextTo = to.hasNext() ? to.next() : null;
    }

    @Override
    public boolean hasNext() {
      return nextFrom != null || nextTo != null;
    }

    @Override
    public Pair next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      String fromKey = nextFrom == null ? null : nextFrom.key().substring(sourcePrefix.length());
      String toKey = nextTo == null ? null : nextTo.key().substring(targetPrefix.length());
      int order = fromKey == null ? 1 : toKey == null ? -1 : compareUtf8(fromKey, toKey);
      Pair pair =
          order < 0
              ? new Pair(fromKey, nextFrom, null)
              : order > 0 ? new Pair(toKey, null, nextTo) : new Pair(fromKey, nextFrom, nextTo);
      if (order <= 0) {
        nextFrom = from.hasNext() ? from.next() : null;
      }
      if (order >= 0) {
        nextTo = to.hasNext() ? to.next() : null;
      }
      return pair;
    }
  }

  private static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(
        a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
