package dev.stowage.bench;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** Medians and a percentile-bootstrap 95% interval of the median, for a handful of ratios. */
final class Stats {
  private static final int RESAMPLES = 10_000;

  private Stats() {}

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** Returns {low, high}: the 2.5th and 97.5th percentiles of the medians of resamples. */
  static double[] interval(List<Double> values) {
    if (values.isEmpty()) {
      return new double[] {Double.NaN, Double.NaN};
    }
    SplittableRandom random = new SplittableRandom(42);
    double[] medians = new double[RESAMPLES];
    Double[] sample = new Double[values.size()];
    for (int r = 0; r < RESAMPLES; r++) {
      for (int i = 0; i < sample.length; i++) {
        sample[i] = values.get(random.nextInt(values.size()));
      }
      medians[r] = median(Arrays.asList(sample));
    }
    Arrays.sort(medians);
    return new double[] {medians[(int) (RESAMPLES * 0.025)], medians[(int) (RESAMPLES * 0.975)]};
  }
}
