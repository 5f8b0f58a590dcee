package dev.stowage.replica;

import com.google.common.collect.Iterators;
import com.google.common.collect.PeekingIterator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the files of a restore with Litestream's rules ({@code CalcRestorePlan}): the last
 * snapshot that qualifies, then, over cursors on levels 8 down to 0, the best next file of all
 * levels until the target is reached.
 */
final class RestorePlanner {
  /** Lists the files of one level, ascending by min TXID. */
  interface Levels {
    List<LtxFile> files(int level, TimestampMode mode);
  }

  /** Larger max first, then smaller min, then higher level, then earlier creation. */
  static final Comparator<LtxFile> BETTER =
      Comparator.comparingLong(LtxFile::maxTxid)
          .reversed()
          .thenComparingLong(LtxFile::minTxid)
          .thenComparing(Comparator.comparingInt(LtxFile::level).reversed())
          .thenComparing(LtxFile::createdAt);

  private RestorePlanner() {}

  static RestorePlan plan(Levels levels, RestoreTarget target, String location) {
    long txid = target.txid().orElse(Long.MAX_VALUE);
    Instant before = target.time().orElse(null);
    TimestampMode mode = before == null ? TimestampMode.LISTED : TimestampMode.EXACT;
    List<LtxFile> plan = new ArrayList<>();
    long current = 0;
    LtxFile snapshot = null;
    for (LtxFile file : levels.files(LtxFile.SNAPSHOT_LEVEL, mode)) {
      if (file.maxTxid() <= txid && qualifies(file, before)) {
        snapshot = file;
      }
    }
    if (snapshot != null) {
      plan.add(snapshot);
      current = snapshot.maxTxid();
    }
    List<PeekingIterator<LtxFile>> cursors = new ArrayList<>();
    for (int level = LtxFile.SNAPSHOT_LEVEL - 1; level >= 0; level--) {
      cursors.add(Iterators.peekingIterator(levels.files(level, mode).iterator()));
    }
    while (current < txid) {
      LtxFile best = null;
      for (PeekingIterator<LtxFile> cursor : cursors) {
        while (cursor.hasNext() && cursor.peek().minTxid() <= current + 1) {
          LtxFile file = cursor.next();
          if (file.maxTxid() <= current || file.maxTxid() > txid || !qualifies(file, before)) {
            continue;
          }
          if (best == null || BETTER.compare(file, best) < 0) {
            best = file;
          }
        }
      }
      if (best == null) {
        break;
      }
      plan.add(best);
      current = best.maxTxid();
    }
    LtxFile gap = null;
    for (PeekingIterator<LtxFile> cursor : cursors) {
      while (cursor.hasNext()) {
        LtxFile next = cursor.next();
        if (next.maxTxid() <= txid
            && qualifies(next, before)
            && (gap == null || next.minTxid() < gap.minTxid())) {
          gap = next;
        }
      }
    }
    if (plan.isEmpty()) {
      throw new ReplicaException(
          "nothing to restore for "
              + target
              + " at "
              + location
              + (gap == null
                  ? ": no snapshot or file qualifies. List the replica with 'stowage replica ls'."
                  : ": there is no snapshot and the first file starts at transaction "
                      + gap.minTxid()
                      + ". A restore needs a snapshot or files from transaction 1."));
    }
    if (gap != null && (target.isLatest() || current < txid && txid != Long.MAX_VALUE)) {
      throw new ReplicaException(
          "the files of "
              + location
              + " are not contiguous: have up to transaction "
              + current
              + " but the next file, "
              + gap.name()
              + " at level "
              + gap.level()
              + ", starts at "
              + gap.minTxid()
              + ". The replica is missing transactions "
              + (current + 1)
              + " to "
              + (gap.minTxid() - 1)
              + "; restore an earlier state with --txid "
              + current
              + ".");
    }
    if (current < txid && txid != Long.MAX_VALUE) {
      throw new ReplicaException(
          "transaction "
              + txid
              + " is not in "
              + location
              + ": its files end at transaction "
              + current
              + ". Restore with --txid "
              + current
              + " or the latest state.");
    }
    for (LtxFile file : plan) {
      if (file.size() < LtxHeader.SIZE) {
        throw new ReplicaException(
            "level "
                + file.level()
                + " file "
                + file.name()
                + " at "
                + location
                + " is "
                + file.size()
                + " bytes, shorter than an LTX header; it is corrupt. Remove it or restore an"
                + " earlier state.");
      }
    }
    return new RestorePlan(target, plan);
  }

  private static boolean qualifies(LtxFile file, Instant before) {
    return before == null || file.createdAt().isBefore(before);
  }
}
