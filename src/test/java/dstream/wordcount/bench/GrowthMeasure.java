package dstream.wordcount.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * How the cost of a {@code count} batch grows: ms per batch of the production
 * pipeline at growing batch sizes (Zipf words from count's vocabulary), and at a fixed batch size
 * with a growing number of distinct words (each of {@code d} distinct words equally often, so the
 * batch holds exactly {@code d} distinct words). Linear growth in words keeps ms per million words
 * flat; the distinct series shows what the shuffle and the reduce side cost per distinct word,
 * which the Zipf corpus alone (about 80k distinct in 1M words) does not separate.
 */
record GrowthMeasure(BenchPlan plan, int partitions) {
  static final String NAME = "growth";
  static final String WORDS_GOAL = "count: ms per batch as batches grow";
  static final String DISTINCT_GOAL = "count: ms per batch as distinct words grow";

  void run(JavaSparkContext sc, Report report) throws Exception {
    ZipfCorpus corpus = new ZipfCorpus(plan.vocabulary, plan.exponent, plan.wordsPerLine, Bench.SEED);
    List<Row> bySize = new ArrayList<>();
    for (long words : plan.growthWords) {
      JavaRDD<String> base = Inputs.zipf(sc, corpus, words, partitions);
      try {
        bySize.add(measure(sc, base, words, "count, " + StateMeasure.size(words)
            + " words per batch (Zipf, " + StateMeasure.size(plan.vocabulary) + " vocabulary)", report));
      } finally {
        base.unpersist();
      }
    }
    List<Row> byDistinct = new ArrayList<>();
    for (long distinct : plan.growthDistinct) {
      JavaRDD<String> base = Inputs.cycled(sc, distinct, plan.growthDistinctWords, plan.wordsPerLine,
          partitions);
      try {
        byDistinct.add(measure(sc, base, plan.growthDistinctWords, "count, "
            + StateMeasure.size(plan.growthDistinctWords) + " words, " + StateMeasure.size(distinct)
            + " distinct per batch", report));
      } finally {
        base.unpersist();
      }
    }
    bySize.forEach(report::row);
    byDistinct.forEach(report::row);
    report.chart.add(new Chart.Panel("growth: count, median ms per batch by words per batch",
        "lower is better", bars(bySize, plan.growthWords, " words")));
    report.chart.add(new Chart.Panel("growth: count, median ms per "
        + StateMeasure.size(plan.growthDistinctWords) + "-word batch by distinct words",
        "lower is better", bars(byDistinct, plan.growthDistinct, " distinct")));
    report.goal(growthGoal(WORDS_GOAL, bySize, plan.growthWords, "words"));
    report.goal(growthGoal(DISTINCT_GOAL, byDistinct, plan.growthDistinct, "distinct words"));
  }

  /**
   * The largest point's ms per word over the smallest's, and every point's ms per million words:
   * 1.00x is linear in words; for the distinct series the batch is the same size throughout, so
   * the ratio is simply how much more the largest vocabulary costs.
   */
  private Goal growthGoal(String name, List<Row> rows, List<Long> sizes, String unit) {
    StringBuilder d = new StringBuilder("median ms per batch");
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      d.append(i == 0 ? ": " : ", ").append(StateMeasure.size(sizes.get(i))).append(' ').append(unit)
          .append(' ').append(Formats.ms(r.medianMs())).append(" ms (")
          .append(Formats.ms(r.medianMs() * 1e6 / r.wordsPerBatch())).append(" ms per 1M words)");
    }
    Row first = rows.get(0);
    Row last = rows.get(rows.size() - 1);
    double perWord = Stats.ratio(last.medianMs() / last.wordsPerBatch(),
        first.medianMs() / first.wordsPerBatch());
    d.append("; measured: ms per word at the largest over the smallest");
    return new Goal(name, "reported", Formats.ratio(perWord), Goal.Verdict.REPORTED, d.toString());
  }

  private static List<Chart.Bar> bars(List<Row> rows, List<Long> sizes, String unit) {
    List<Chart.Bar> out = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      out.add(new Chart.Bar(StateMeasure.size(sizes.get(i)) + unit, r.medianMs(),
          Formats.ms(r.medianMs()) + " ms", Chart.Kind.PROJECT));
    }
    return out;
  }

  /** Times {@code base} as every batch; {@code words} (its nominal size) sets the interval. */
  private Row measure(JavaSparkContext sc, JavaRDD<String> base, long words, String variant,
      Report report) throws Exception {
    int total = plan.growthWarmup + plan.growthBatches;
    long batchMs = plan.growthBatchMs(words);
    StreamRun.Production run = new StreamRun.Production("count",
        new StreamRun.QueueFeed(Inputs.repeat(base, total)), "--batch", batchMs + "ms");
    List<BatchTimes.Batch> done = StreamRun.run(sc, batchMs, false, run, total,
        StreamRun.timeoutFor(total, batchMs, 60_000));
    report.batches(NAME, variant, done, plan.growthWarmup, total);
    Row row = Row.timed(NAME, variant, countWords(base), BatchTimes.processing(done, plan.growthWarmup, total),
        BatchTimes.cpu(done, plan.growthWarmup, total), batchMs + " ms batches, production count pipeline");
    report.say("growth: " + variant + ": " + Formats.ms(row.medianMs()) + " ms per batch");
    return row;
  }

  /** The words actually in a batch, counted before timing (cached, so cheap). */
  private static long countWords(JavaRDD<String> base) {
    return base.map(GrowthMeasure::wordsOf).reduce(Long::sum);
  }

  private static long wordsOf(String line) {
    return line.isEmpty() ? 0 : line.split(" ").length;
  }
}
