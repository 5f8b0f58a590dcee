package dev.stowage.replica;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** The state to restore: the latest, the state after a transaction, or the state before a time. */
public final class RestoreTarget {
  private static final RestoreTarget LATEST = new RestoreTarget(0, null);

  private final long txid;
  private final Instant before;

  private RestoreTarget(long txid, Instant before) {
    this.txid = txid;
    this.before = before;
  }

  /**
   * Returns the latest state; files that leave a gap make the plan fail.
   *
   * @return the target
   */
  public static RestoreTarget latest() {
    return LATEST;
  }

  /**
   * Returns the state after a transaction.
   *
   * @param txid the transaction, at least 1
   * @return the target
   * @throws IllegalArgumentException if txid is below 1
   */
  public static RestoreTarget txid(long txid) {
    if (txid < 1) {
      throw new IllegalArgumentException("transaction ids start at 1: " + txid);
    }
    return new RestoreTarget(txid, null);
  }

  /**
   * Returns the last state written before a time: only files created before it are used.
   *
   * @param time the time
   * @return the target
   */
  public static RestoreTarget before(Instant time) {
    return new RestoreTarget(0, requireNonNull(time, "time is null"));
  }

  /**
   * Returns the transaction to stop at, if this target names one.
   *
   * @return the transaction
   */
  public OptionalLong txid() {
    return txid == 0 ? OptionalLong.empty() : OptionalLong.of(txid);
  }

  /**
   * Returns the time files must be created before, if this target names one.
   *
   * @return the time
   */
  public Optional<Instant> time() {
    return Optional.ofNullable(before);
  }

  /**
   * Tells whether this is the latest state.
   *
   * @return true for {@link #latest()}
   */
  public boolean isLatest() {
    return txid == 0 && before == null;
  }

  @Override
  public String toString() {
    if (isLatest()) {
      return "the latest state";
    }
    return txid != 0 ? "transaction " + txid : "the last state before " + before;
  }
}
