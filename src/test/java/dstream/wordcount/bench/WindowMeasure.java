package dstream.wordcount.bench;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.pipelines.WordCounting;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;

/**
 * {@code window} ms per slide with a long and a short window (slide = one batch), measured only
 * once the window is full. The production pipeline uses the inverse function, so a slide should
 * cost about the same whatever the window's length; the non-inverse form (the project's counting
 * step, then Spark's {@code reduceByKeyAndWindow} without an inverse), which re-reduces every batch
 * in the window, is reported beside it.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
record WindowMeasure(BenchPlan plan, int partitions) {
  static final String NAME = "window";
  private static final String TARGET = "<= 1.3x";
  private static final String GOAL = "window: long vs short window";

  void run(JavaSparkContext sc, Report report) throws Exception {
    ZipfCorpus corpus = new ZipfCorpus(plan.windowVocabulary, plan.exponent, plan.wordsPerLine,
        Bench.SEED + 2);
    JavaRDD<String> words = Inputs.zipf(sc, corpus, plan.windowWords, partitions);
    try {
      Row inverseShort = inverse(sc, words, plan.shortWindow, report);
      Row inverseLong = inverse(sc, words, plan.longWindow, report);
      Row plainShort = plain(sc, words, plan.shortWindow, report);
      Row plainLong = plain(sc, words, plan.longWindow, report);
      for (Row r : List.of(inverseShort, inverseLong, plainShort, plainLong)) {
        report.row(r);
      }
      report.chart.add(new Chart.Panel("window: median ms per slide, " + StateMeasure.size(plan.windowWords)
          + "-word batches, slide = 1 batch", "lower is better", List.of(
          bar(inverseShort, Chart.Kind.PROJECT), bar(inverseLong, Chart.Kind.PROJECT),
          bar(plainShort, Chart.Kind.OTHER), bar(plainLong, Chart.Kind.OTHER))));
      double ratio = Stats.ratio(inverseLong.medianMs(), inverseShort.medianMs());
      double plainRatio = Stats.ratio(plainLong.medianMs(), plainShort.medianMs());
      report.goal(new Goal(GOAL, TARGET, Formats.ratio(ratio), Goal.verdict(ratio <= 1.3),
          "window pipeline (inverse function) ms per slide, " + plan.longWindow + "-batch vs "
              + plan.shortWindow + "-batch window; non-inverse form: " + Formats.ratio(plainRatio)));
    } finally {
      words.unpersist();
    }
  }

  private Row inverse(JavaSparkContext sc, JavaRDD<String> words, int window, Report report)
      throws Exception {
    long ms = plan.windowBatchMs;
    int total = window + plan.windowWarmup + plan.windowBatches;
    StreamRun.Production run = new StreamRun.Production("window",
        new StreamRun.QueueFeed(Inputs.repeat(words, total)),
        "--batch", ms + "ms", "--window", window * ms + "ms", "--slide", ms + "ms");
    List<BatchTimes.Batch> done = StreamRun.run(sc, ms, run.job.pipeline().needsCheckpoint(), run, total,
        StreamRun.timeoutFor(total, ms, 10_000));
    return row("window pipeline (inverse), " + window + "-batch window", window, done,
        "reduceByKeyAndWindow with inverse and filter, checkpointed", report);
  }

  private Row plain(JavaSparkContext sc, JavaRDD<String> words, int window, Report report)
      throws Exception {
    long ms = plan.windowBatchMs;
    int total = window + plan.windowWarmup + plan.windowBatches;
    StreamRun.QueueFeed feed = new StreamRun.QueueFeed(Inputs.repeat(words, total));
    List<BatchTimes.Batch> done = StreamRun.run(sc, ms, false,
        ssc -> WordCounting.countLines(feed.createStream(ssc), Tokenizer.WHITESPACE)
            .reduceByKeyAndWindow(Long::sum, Durations.milliseconds(window * ms), Durations.milliseconds(ms))
            .foreachRDD(rdd -> {
              rdd.count();
            }),
        total, StreamRun.timeoutFor(total, ms, 10_000));
    return row("non-inverse form, " + window + "-batch window", window, done,
        "reduceByKeyAndWindow without inverse: re-reduces the whole window", report);
  }

  private Row row(String variant, int window, List<BatchTimes.Batch> done, String note, Report report) {
    int from = window + plan.windowWarmup;
    int to = from + plan.windowBatches;
    report.batches(NAME, variant, done, from, to);
    Row r = Row.timed(NAME, variant, plan.windowWords, BatchTimes.processing(done, from, to),
        BatchTimes.cpu(done, from, to), note);
    report.say("window: " + variant + ": " + Formats.ms(r.medianMs()) + " ms per slide (mean "
        + Formats.ms(r.meanMs()) + ")");
    return r;
  }

  private static Chart.Bar bar(Row r, Chart.Kind kind) {
    return new Chart.Bar(r.variant(), r.medianMs(), Formats.ms(r.medianMs()) + " ms", kind);
  }
}
