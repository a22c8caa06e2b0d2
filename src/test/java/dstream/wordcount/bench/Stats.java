package dstream.wordcount.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The few statistics the benchmark reports: median, mean, and the growth along a series. */
public final class Stats {
  private Stats() {}

  /** The median (the mean of the two middle values for an even count); NaN when empty. */
  public static double median(List<? extends Number> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values.size());
    for (Number v : values) {
      sorted.add(v.doubleValue());
    }
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** The arithmetic mean; NaN when empty. */
  public static double mean(List<? extends Number> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    double sum = 0;
    for (Number v : values) {
      sum += v.doubleValue();
    }
    return sum / values.size();
  }

  /**
   * How much a series grew from its start to its end: the median of its last {@code k} values
   * minus the median of its first {@code k} (k is capped at half the series). Medians of a few
   * values, not single points, so one slow batch on a busy machine is not read as a trend.
   */
  public static double growth(List<? extends Number> series, int k) {
    if (series.size() < 2) {
      return 0;
    }
    int n = Math.max(1, Math.min(k, series.size() / 2));
    return median(series.subList(series.size() - n, series.size())) - median(series.subList(0, n));
  }

  /** {@code a / b}, or NaN when either is NaN or b is 0. */
  public static double ratio(double a, double b) {
    return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? Double.NaN : a / b;
  }
}
