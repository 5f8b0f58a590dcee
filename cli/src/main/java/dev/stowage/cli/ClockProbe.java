package dev.stowage.cli;

import dev.stowage.api.Content;
import dev.stowage.api.ObjectInfo;
import dev.stowage.api.ObjectStore;
import dev.stowage.api.WriteOptions;
import dev.stowage.cli.StoreProbe.Finding;
import dev.stowage.cli.StoreProbe.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * How far the store's clock is from this machine's: the time the store gives a write, set against
 * the instants this machine read just before and just after it, widened to whole seconds since many
 * stores keep no finer time. Comparisons by modification time (a sync, {@code ls} by age) are off
 * by that much; beyond {@link #ALLOWANCE}, the compliance kit's default, the finding is a quirk.
 */
final class ClockProbe {
  static final Duration ALLOWANCE = Duration.ofMinutes(2);
  static final String NAME = "clock";

  private ClockProbe() {}

  static Finding run(ObjectStore store, String key) {
    Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    store.put(key, Content.ofBytes(new byte[] {1}), WriteOptions.DEFAULTS);
    Instant after = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Optional<Instant> stamped = store.stat(key).flatMap(ObjectInfo::lastModified);
    if (stamped.isEmpty()) {
      return new Finding(NAME, Verdict.ABSENT, "the store gave the write no modification time");
    }
    Instant stamp = stamped.get();
    Duration offset =
        stamp.isBefore(before)
            ? Duration.between(stamp, before)
            : stamp.isAfter(after) ? Duration.between(after, stamp) : Duration.ZERO;
    String evidence =
        "the store stamped a write "
            + stamp
            + (offset.isZero()
                ? ", within"
                : ", " + offset.toSeconds() + " s " + (stamp.isBefore(before) ? "before" : "after"))
            + " this machine's "
            + before
            + " to "
            + after;
    return offset.compareTo(ALLOWANCE) > 0
        ? new Finding(
            NAME, Verdict.QUIRK, evidence + ": times compared across the two are off by that much")
        : new Finding(NAME, Verdict.OK, evidence);
  }
}
