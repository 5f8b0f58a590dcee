package dev.stowage.oss.server;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The faults armed on a server and the count of those that fired. Thread-safe: tests arm faults
 * while connections take them.
 */
public final class Faults {
  private final List<Armed> armed = new ArrayList<>();
  private final Map<OssOperation, Integer> fired = new EnumMap<>(OssOperation.class);
  private final Map<Fault.Kind, Integer> firedByKind = new EnumMap<>(Fault.Kind.class);

  private static final class Armed {
    final Fault fault;
    int remaining;

    Armed(Fault fault) {
      this.fault = fault;
      this.remaining = fault.times();
    }
  }

  Faults() {}

  /**
   * Arms a fault for the next matching requests; faults armed earlier are taken first.
   *
   * @param fault the fault
   * @return this
   */
  public synchronized Faults inject(Fault fault) {
    armed.add(new Armed(fault));
    return this;
  }

  /**
   * Returns how many faults fired on an operation.
   *
   * @param operation the operation
   * @return the count
   */
  public synchronized int fired(OssOperation operation) {
    return fired.getOrDefault(operation, 0);
  }

  /**
   * Returns how many faults of a kind fired.
   *
   * @param kind the kind
   * @return the count
   */
  public synchronized int fired(Fault.Kind kind) {
    return firedByKind.getOrDefault(kind, 0);
  }

  /**
   * Returns how many faults fired in all.
   *
   * @return the count
   */
  public synchronized int firedTotal() {
    return fired.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Returns how many armed faults have not fired yet.
   *
   * @return the count
   */
  public synchronized int pending() {
    return armed.stream().mapToInt(a -> a.remaining).sum();
  }

  /** Disarms every fault and resets the counters. */
  public synchronized void clear() {
    armed.clear();
    fired.clear();
    firedByKind.clear();
  }

  /** Takes the first armed fault matching a request, counting it as fired; null if none. */
  synchronized Fault take(OssOperation operation, String key) {
    for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
      Armed candidate = it.next();
      if (candidate.fault.matches(operation, key)) {
        if (--candidate.remaining == 0) {
          it.remove();
        }
        fired.merge(operation, 1, Integer::sum);
        firedByKind.merge(candidate.fault.kind(), 1, Integer::sum);
        return candidate.fault;
      }
    }
    return null;
  }

  @Override
  public synchronized String toString() {
    return "Faults[pending=" + pending() + ", fired=" + fired + "]";
  }
}
