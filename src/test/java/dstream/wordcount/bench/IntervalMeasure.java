package dstream.wordcount.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The shortest batch interval at which the {@code count} pipeline keeps up with a fixed input rate:
 * each interval gets batches of {@code rate x interval} words on Spark's real timer, and is
 * sustained when batches take less than the interval on average and the scheduling delay did not
 * grow by a whole interval over the run (medians of the first and last five batches, so one slow
 * batch on a busy machine is not read as a trend). Intervals are tried longest first and the search
 * stops at the first one that is not sustained.
 */
record IntervalMeasure(BenchPlan plan, int partitions) {
  static final String NAME = "interval";
  private static final int TREND_BATCHES = 5;

  void run(JavaSparkContext sc, Report report) throws Exception {
    ZipfCorpus corpus = new ZipfCorpus(plan.vocabulary, plan.exponent, plan.wordsPerLine, Bench.SEED + 3);
    long shortest = -1;
    List<Chart.Bar> bars = new ArrayList<>();
    String rate = Formats.humanRate(plan.rateWordsPerSecond) + " words/s";
    for (long interval : plan.intervalsMs) {
      long words = plan.rateWordsPerSecond * interval / 1000;
      JavaRDD<String> base = Inputs.zipf(sc, corpus, words, partitions);
      List<BatchTimes.Batch> done;
      try {
        int total = plan.intervalWarmup + plan.intervalBatches;
        StreamRun.Production run = new StreamRun.Production("count",
            new StreamRun.QueueFeed(Inputs.repeat(base, total)), "--batch", interval + "ms");
        done = StreamRun.run(sc, interval, false, run, total,
            StreamRun.timeoutFor(total, interval, 10_000));
      } finally {
        base.unpersist();
      }
      int from = plan.intervalWarmup;
      int to = from + plan.intervalBatches;
      report.batches(NAME, interval + " ms", done, from, to);
      List<Long> processing = BatchTimes.processing(done, from, to);
      double growth = Stats.growth(BatchTimes.scheduling(done, from, to), TREND_BATCHES);
      double mean = Stats.mean(processing);
      boolean sustained = mean < interval && growth < interval;
      long actualWords = (long) Math.max(1, words / plan.wordsPerLine / partitions) * partitions
          * plan.wordsPerLine;
      String note = (sustained ? "sustained" : "NOT sustained") + ": mean processing "
          + Formats.ms(mean) + " ms, scheduling delay grew " + Formats.ms(growth) + " ms";
      report.row(Row.timed(NAME, interval + " ms batches at " + rate, actualWords, processing,
          BatchTimes.cpu(done, from, to), note));
      bars.add(new Chart.Bar(interval + " ms batches" + (sustained ? "" : " (not sustained)"),
          mean, Formats.ms(mean) + " ms of " + interval + " ms", sustained ? Chart.Kind.PROJECT : Chart.Kind.OTHER));
      report.say("interval: " + interval + " ms: " + note);
      if (!sustained) {
        break;
      }
      shortest = interval;
    }
    report.chart.add(new Chart.Panel("batch interval at " + rate + ": mean processing ms per batch",
        "must stay under the interval", bars));
    String measured = shortest < 0 ? "none of " + plan.intervalsMs + " ms" : shortest + " ms";
    report.goal(new Goal("shortest sustained interval at " + rate, "<= 200 ms", measured,
        Goal.verdict(shortest > 0 && shortest <= 200),
        "count pipeline; intervals tried: " + plan.intervalsMs + " ms, longest first"));
  }
}
