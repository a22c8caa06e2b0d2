package dstream.wordcount.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Driver heap during a long {@code state} run with idle eviction on a steady vocabulary: batches
 * rotate through a few differently seeded Zipf samples of one vocabulary, so rare words keep going
 * idle, being evicted and coming back, while the set of words in play stays the same. The heap
 * (after a full GC, in local mode it also holds the executor's state and cache) is sampled at a
 * fixed period; it should be flat once the state has reached its steady size.
 */
final class HeapMeasure {
  static final String NAME = "heap";
  private static final String TARGET = "flat";
  private static final String GOAL = "driver heap under state with idle eviction";
  private static final long MB = 1024 * 1024;

  /** One heap sample: seconds into the run, MB used after a full GC. */
  record Sample(double seconds, double usedMb) {}

  private final BenchPlan plan;
  private final int partitions;
  private final List<Sample> samples = new ArrayList<>();

  HeapMeasure(BenchPlan plan, int partitions) {
    this.plan = plan;
    this.partitions = partitions;
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  void run(JavaSparkContext sc, Report report) throws Exception {
    ZipfCorpus corpus = new ZipfCorpus(plan.heapVocabulary, plan.exponent, plan.wordsPerLine, Bench.SEED);
    List<JavaRDD<String>> bases = new ArrayList<>();
    try {
      for (int i = 0; i < plan.heapRotation; i++) {
        bases.add(Inputs.zipf(sc, corpus.withSeed(Bench.SEED + 100 + i), plan.heapWords, partitions));
      }
      // Enough batches for the whole duration even if some run late; the stop ends the run.
      int total = (int) (plan.heapDurationMs / plan.heapBatchMs) + 50;
      List<JavaRDD<String>> batches = new ArrayList<>(total);
      for (int i = 0; i < total; i++) {
        batches.add(bases.get(i % bases.size()));
      }
      StreamRun.Production run = new StreamRun.Production("state", new StreamRun.QueueFeed(batches),
          "--batch", plan.heapBatchMs + "ms", "--idle-timeout", plan.heapIdleMs + "ms");
      report.say("heap: running state with --idle-timeout " + plan.heapIdleMs + "ms for "
          + plan.heapDurationMs / 1000 + " s, sampling the heap every " + plan.heapSampleMs / 1000.0 + " s");
      List<BatchTimes.Batch> done = StreamRun.run(sc, plan.heapBatchMs, true, run, false, this::sample);
      summarize(done, report);
    } finally {
      bases.forEach(JavaRDD::unpersist);
    }
  }

  private void sample(BatchTimes times) throws InterruptedException {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    long start = System.currentTimeMillis();
    long next = start;
    while (true) {
      long now = System.currentTimeMillis();
      if (now >= next) {
        System.gc();
        samples.add(new Sample((System.currentTimeMillis() - start) / 1000.0,
            memory.getHeapMemoryUsage().getUsed() / (double) MB));
        next += plan.heapSampleMs;
      }
      if (now - start >= plan.heapDurationMs) {
        return;
      }
      Thread.sleep(Math.max(1, Math.min(next, start + plan.heapDurationMs) - now));
    }
  }

  private void summarize(List<BatchTimes.Batch> done, Report report) {
    // The state needs a rotation plus the idle timeout to reach its steady size: judge from a
    // quarter of the run on.
    Sample steady = samples.get(0);
    for (Sample s : samples) {
      if (s.seconds() * 1000 >= plan.heapDurationMs / 4.0) {
        steady = s;
        break;
      }
    }
    Sample last = samples.get(samples.size() - 1);
    double max = 0;
    for (Sample s : samples) {
      max = Math.max(max, s.usedMb());
    }
    double growth = last.usedMb() - steady.usedMb();
    double allowed = Math.max(16, 0.10 * steady.usedMb());
    int warm = Math.min(done.size(), 5);
    report.batches(NAME, "state with idle eviction", done, warm, done.size());
    List<Long> processing = BatchTimes.processing(done, warm, done.size());
    double schedulingGrowth = Stats.growth(BatchTimes.scheduling(done, warm, done.size()), 5);
    String minutes = Formats.duration(plan.heapDurationMs);
    report.row(new Row(NAME, "state --idle-timeout " + plan.heapIdleMs + "ms, " + minutes,
        plan.heapWords, processing.size(), Stats.median(processing), Stats.mean(processing),
        Stats.median(BatchTimes.cpu(done, warm, done.size())),
        Stats.ratio(plan.heapWords * 1000.0, Stats.median(processing)), Double.NaN, Double.NaN,
        String.format(java.util.Locale.ROOT,
            "heap after GC: %.0f MB at %.0f s, %.0f MB at %.0f s, max %.0f MB; scheduling delay grew %.0f ms",
            steady.usedMb(), steady.seconds(), last.usedMb(), last.seconds(), max, schedulingGrowth)));
    List<Chart.Bar> bars = new ArrayList<>();
    int step = Math.max(1, samples.size() / 6);
    for (int i = 0; i < samples.size(); i += step) {
      bars.add(heapBar(samples.get(i)));
    }
    if ((samples.size() - 1) % step != 0) {
      bars.add(heapBar(last));
    }
    report.chart.add(new Chart.Panel("driver heap after GC during " + minutes
        + " of state with idle eviction", "MB, flat is the goal", bars));
    report.goal(new Goal(GOAL, TARGET,
        String.format(java.util.Locale.ROOT, "%+.0f MB (%.0f -> %.0f MB)", growth, steady.usedMb(),
            last.usedMb()),
        Goal.verdict(growth <= allowed),
        "used heap after GC from " + Math.round(steady.seconds()) + " s to " + Math.round(last.seconds())
            + " s of a " + minutes + " run; flat means grown by at most " + Math.round(allowed) + " MB"));
    report.say("heap: " + report.rows.get(report.rows.size() - 1).note());
  }

  private static Chart.Bar heapBar(Sample s) {
    return new Chart.Bar("after " + Math.round(s.seconds()) + " s", s.usedMb(),
        Math.round(s.usedMb()) + " MB", Chart.Kind.PROJECT);
  }

  /** The samples as CSV. */
  String samplesCsv() {
    StringBuilder out = new StringBuilder("seconds,heap_used_mb\n");
    for (Sample s : samples) {
      out.append(String.format(java.util.Locale.ROOT, "%.1f,%.1f%n", s.seconds(), s.usedMb()));
    }
    return out.toString();
  }
}
