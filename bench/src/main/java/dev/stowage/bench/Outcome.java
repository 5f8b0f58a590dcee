package dev.stowage.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleBiFunction;

/**
 * What one scenario showed: the median of its per-pair ratios with a bootstrap 95% interval,
 * whether each goal was met, the figures behind them and every trial.
 *
 * @param id the scenario, such as {@code B1}
 * @param work what was moved
 * @param peer what Stowage was measured against
 * @param ratio what the ratio is, such as "throughput, Stowage / peer"
 * @param median the median of the per-pair ratios
 * @param low the interval's low end
 * @param high the interval's high end
 * @param goals each goal and whether it was met, such as "≥ 1.2x throughput: met (1.41)"
 * @param met whether every goal was met
 * @param figures medians of each side's throughput, CPU, memory and requests
 * @param pairs every trial, in pairs
 */
record Outcome(
    String id,
    String work,
    String peer,
    String ratio,
    double median,
    double low,
    double high,
    List<String> goals,
    boolean met,
    Map<String, Object> figures,
    List<Trials.Pair> pairs) {

  /** The ratios of the pairs where neither trial failed. */
  static List<Double> ratios(
      List<Trials.Pair> pairs, ToDoubleBiFunction<Map<String, Object>, Map<String, Object>> ratio) {
    List<Double> ratios = new ArrayList<>();
    for (Trials.Pair pair : pairs) {
      if (!Trials.failed(pair.stowage()) && !Trials.failed(pair.peer())) {
        ratios.add(ratio.applyAsDouble(pair.stowage(), pair.peer()));
      }
    }
    return ratios;
  }

  /** Collects goals and whether they held, in order. */
  static final class Goals {
    private final List<String> lines = new ArrayList<>();
    private boolean met = true;

    Goals check(String goal, boolean held, String figure) {
      lines.add(goal + ": " + (held ? "met" : "short") + " (" + figure + ")");
      met &= held;
      return this;
    }

    Goals note(String line) {
      lines.add(line);
      return this;
    }

    List<String> lines() {
      return List.copyOf(lines);
    }

    boolean met() {
      return met;
    }
  }
}
