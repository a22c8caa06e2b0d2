package dstream.wordcount.bench;

/**
 * One measured line of the results: a measure (what was asked), a variant (how it was done), the
 * median and mean time per batch and the throughput that follows, and its ratios to the baseline
 * and to the limit of the same measure where those exist. Numbers that do not apply are NaN (or
 * -1 for counts) and print as "-".
 */
public record Row(
    String measure,
    String variant,
    long wordsPerBatch,
    int batches,
    double medianMs,
    double meanMs,
    double wordsPerSecond,
    double vsBaseline,
    double vsLimit,
    String note) {

  /** A row timed per batch: words/s follows from the words per batch and the median time. */
  public static Row timed(String measure, String variant, long wordsPerBatch, int batches,
      double medianMs, double meanMs, String note) {
    double perSecond = wordsPerBatch > 0 && medianMs > 0 ? wordsPerBatch * 1000.0 / medianMs : Double.NaN;
    return new Row(measure, variant, wordsPerBatch, batches, medianMs, meanMs, perSecond,
        Double.NaN, Double.NaN, note);
  }

  /** This row with its ratios to a baseline and a limit throughput (NaN: not applicable). */
  public Row withRatios(double baselineWordsPerSecond, double limitWordsPerSecond) {
    return new Row(measure, variant, wordsPerBatch, batches, medianMs, meanMs, wordsPerSecond,
        Stats.ratio(wordsPerSecond, baselineWordsPerSecond),
        Stats.ratio(wordsPerSecond, limitWordsPerSecond), note);
  }
}
