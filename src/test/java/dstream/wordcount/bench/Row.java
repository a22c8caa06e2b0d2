package dstream.wordcount.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One measured line of the results: a measure (what was asked), a variant (how it was done), the
 * median and mean wall-clock time per batch, the median CPU time the JVM spent per batch, the
 * throughput that follows from the median, and its ratios to the baseline and to the limit of the
 * same measure where those exist. Numbers that do not apply are NaN (or -1 for counts) and print
 * as "-".
 */
public record Row(
    String measure,
    String variant,
    long wordsPerBatch,
    int batches,
    double medianMs,
    double meanMs,
    double cpuMs,
    double wordsPerSecond,
    double vsBaseline,
    double vsLimit,
    String note) {

  /**
   * A row timed per batch: words/s follows from the words per batch and the median wall-clock
   * time. {@code cpuMs} may be empty or hold -1 where the JVM cannot tell.
   */
  public static Row timed(String measure, String variant, long wordsPerBatch, List<Long> wallMs,
      List<Long> cpuMs, String note) {
    double median = Stats.median(wallMs);
    List<Long> cpu = new ArrayList<>();
    for (long c : cpuMs) {
      if (c >= 0) {
        cpu.add(c);
      }
    }
    double perSecond = wordsPerBatch > 0 && median > 0 ? wordsPerBatch * 1000.0 / median : Double.NaN;
    return new Row(measure, variant, wordsPerBatch, wallMs.size(), median, Stats.mean(wallMs),
        Stats.median(cpu), perSecond, Double.NaN, Double.NaN, note);
  }

  /** This row with its ratios to a baseline and a limit throughput (NaN: not applicable). */
  public Row withRatios(double baselineWordsPerSecond, double limitWordsPerSecond) {
    return new Row(measure, variant, wordsPerBatch, batches, medianMs, meanMs, cpuMs, wordsPerSecond,
        Stats.ratio(wordsPerSecond, baselineWordsPerSecond),
        Stats.ratio(wordsPerSecond, limitWordsPerSecond), note);
  }
}
