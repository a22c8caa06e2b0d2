package dstream.wordcount.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code state} ms per batch with a small and a large state, and {@code cumulative} beside it.
 * Both sizes see the very same measured batches (Zipf words from a small vocabulary); they differ
 * only in what the first batches put into the state: the small vocabulary itself, or that plus
 * enough distinct filler words to reach the large size. So the ratio isolates the cost of the
 * state's size, which {@code mapWithState} should not pay and {@code updateStateByKey} must.
 */
record StateMeasure(BenchPlan plan, int partitions) {
  static final String NAME = "state";
  private static final String TARGET = "<= 1.5x";
  private static final String GOAL = "state: large vs small state";

  /** Measures and reports; returns the rows: state small, state large, cumulative small, large. */
  List<Row> run(JavaSparkContext sc, Report report) throws Exception {
    ZipfCorpus corpus = new ZipfCorpus(plan.stateSmall, plan.exponent, plan.wordsPerLine, Bench.SEED + 1);
    List<JavaRDD<String>> cached = new ArrayList<>();
    try {
      JavaRDD<String> words = track(cached, Inputs.zipf(sc, corpus, plan.stateWords, partitions));
      JavaRDD<String> small = track(cached,
          Inputs.distinct(sc, 0, plan.stateSmall, plan.wordsPerLine, partitions));
      List<JavaRDD<String>> largeFill = new ArrayList<>();
      long per = plan.stateLarge / plan.stateFillBatches;
      for (int i = 0; i < plan.stateFillBatches; i++) {
        long n = i == plan.stateFillBatches - 1 ? plan.stateLarge - i * per : per;
        largeFill.add(track(cached, Inputs.distinct(sc, i * per, n, plan.wordsPerLine, partitions)));
      }
      List<JavaRDD<String>> smallFill = Inputs.repeat(small, plan.stateFillBatches);

      Row stateSmall = measure(sc, "state", smallFill, words, plan.stateSmall, report);
      Row stateLarge = measure(sc, "state", largeFill, words, plan.stateLarge, report);
      Row cumulativeSmall = measure(sc, "cumulative", smallFill, words, plan.stateSmall, report);
      Row cumulativeLarge = measure(sc, "cumulative", largeFill, words, plan.stateLarge, report);

      double ratio = Stats.ratio(stateLarge.medianMs(), stateSmall.medianMs());
      double cumulativeRatio = Stats.ratio(cumulativeLarge.medianMs(), cumulativeSmall.medianMs());
      report.row(stateSmall);
      report.row(stateLarge);
      report.row(cumulativeSmall);
      report.row(cumulativeLarge);
      List<Chart.Bar> bars = List.of(
          bar(stateSmall, "state, " + size(plan.stateSmall) + " in state", Chart.Kind.PROJECT),
          bar(stateLarge, "state, " + size(plan.stateLarge) + " in state", Chart.Kind.PROJECT),
          bar(cumulativeSmall, "cumulative, " + size(plan.stateSmall) + " in state", Chart.Kind.OTHER),
          bar(cumulativeLarge, "cumulative, " + size(plan.stateLarge) + " in state", Chart.Kind.OTHER));
      report.chart.add(new Chart.Panel("state: median ms per " + size(plan.stateWords)
          + "-word batch", "lower is better", bars));
      report.goal(new Goal(GOAL, TARGET, Formats.ratio(ratio), Goal.verdict(ratio <= 1.5),
          "mapWithState ms per batch with " + size(plan.stateLarge) + " vs " + size(plan.stateSmall)
              + " words in state; cumulative (updateStateByKey): " + Formats.ratio(cumulativeRatio)));
      return List.of(stateSmall, stateLarge, cumulativeSmall, cumulativeLarge);
    } finally {
      cached.forEach(JavaRDD::unpersist);
    }
  }

  private Row measure(JavaSparkContext sc, String pipeline, List<JavaRDD<String>> fill,
      JavaRDD<String> words, int stateSize, Report report) throws Exception {
    int measured = plan.stateWarmup + plan.stateBatches;
    List<JavaRDD<String>> batches = new ArrayList<>(fill);
    batches.addAll(Inputs.repeat(words, measured));
    StreamRun.Production run = new StreamRun.Production(pipeline, new StreamRun.QueueFeed(batches),
        "--batch", plan.stateBatchMs + "ms");
    List<BatchTimes.Batch> done = StreamRun.run(sc, plan.stateBatchMs, run.job.pipeline().needsCheckpoint(),
        run, batches.size(), StreamRun.timeoutFor(batches.size(), plan.stateBatchMs, 30_000));
    int from = fill.size() + plan.stateWarmup;
    int to = from + plan.stateBatches;
    report.batches(NAME, pipeline + ", " + size(stateSize) + " words in state", done, from, to);
    Row row = Row.timed(NAME, pipeline + ", " + size(stateSize) + " words in state",
        plan.stateWords, BatchTimes.processing(done, from, to), BatchTimes.cpu(done, from, to),
        pipeline.equals("state") ? "mapWithState: visits the batch's words only"
            : "updateStateByKey: visits every word in state");
    report.say("state: " + row.variant() + ": " + Formats.ms(row.medianMs()) + " ms per batch (mean "
        + Formats.ms(row.meanMs()) + ")");
    return row;
  }

  private static Chart.Bar bar(Row r, String label, Chart.Kind kind) {
    return new Chart.Bar(label, r.medianMs(), Formats.ms(r.medianMs()) + " ms", kind);
  }

  private static JavaRDD<String> track(List<JavaRDD<String>> cached, JavaRDD<String> rdd) {
    cached.add(rdd);
    return rdd;
  }

  /** 1000000 reads 1M, 10000 reads 10k. */
  static String size(long n) {
    if (n >= 1_000_000 && n % 1_000_000 == 0) {
      return n / 1_000_000 + "M";
    }
    if (n >= 1_000 && n % 1_000 == 0) {
      return n / 1_000 + "k";
    }
    return Long.toString(n);
  }
}
