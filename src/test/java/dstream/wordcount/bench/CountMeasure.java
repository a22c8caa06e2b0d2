package dstream.wordcount.bench;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.pipelines.PipelineOutput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * {@code count} words/s on large batches, done four ways on the same lines: the project's
 * production {@code count} pipeline, the JavaNetworkWordCount baseline, the plain-Java limit
 * ({@link TableLimitCounter}: allocation-free, the fastest counter we have) and the old
 * {@code HashMap} limit ({@link LimitCounter}, a {@code String} per word) as a second reference.
 * Before timing, the two limits' counts are compared with each other and one batch of each Spark
 * variant is collected and compared with them, so all four provably do the same work.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
final class CountMeasure {
  static final String NAME = "count";
  static final String PROJECT = "project: count pipeline";
  static final String BASELINE = "baseline: JavaNetworkWordCount";
  static final String LIMIT = "limit: plain Java, 2 threads";
  static final String HASHMAP_LIMIT = "HashMap limit: plain Java, 2 threads";
  private static final AtomicReference<Map<String, Long>> COLLECTED = new AtomicReference<>();

  private final BenchPlan plan;
  private final ZipfCorpus corpus;
  private final int partitions;
  private Map<String, Long> expected;
  private boolean baselineChecked;
  private boolean projectChecked;
  // Batch times pooled over the rounds: each round runs all three, so a busy spell on the machine
  // hits all of them rather than one.
  private final List<Long> limitMs = new ArrayList<>();
  private final List<Long> limitCpu = new ArrayList<>();
  private final List<Long> hashMapMs = new ArrayList<>();
  private final List<Long> hashMapCpu = new ArrayList<>();
  private final List<Long> baselineMs = new ArrayList<>();
  private final List<Long> baselineCpu = new ArrayList<>();
  private final List<Long> projectMs = new ArrayList<>();
  private final List<Long> projectCpu = new ArrayList<>();
  private Row limit;
  private Row hashMapLimit;
  /** Where the project's batch time went, last round (see StageProfile); null before it ran. */
  private String profile;
  private Row baseline;
  private Row project;

  /** {@code partitions}: input partitions, and the limit's threads (2, the cores of local[2]). */
  CountMeasure(BenchPlan plan, int partitions) {
    this.plan = plan;
    this.corpus = new ZipfCorpus(plan.vocabulary, plan.exponent, plan.wordsPerLine, Bench.SEED);
    this.partitions = partitions;
  }

  private int linesPerPart() {
    return Math.max(1, plan.countWords / plan.wordsPerLine / partitions);
  }

  private long wordsPerBatch() {
    return (long) linesPerPart() * partitions * plan.wordsPerLine;
  }

  /**
   * The limits: no Spark, {@code partitions} threads, the same lines; first the table counter (the
   * limit every ratio is taken to), then the {@code HashMap} one. Their counts must agree.
   */
  void runLimit(Report report) throws InterruptedException {
    List<String> lines = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      lines.addAll(corpus.lines(p, linesPerPart()));
    }
    try (TableLimitCounter counter = new TableLimitCounter(Tokenizer.WHITESPACE, partitions)) {
      expected = timeLimit(counter::count, lines, limitMs, limitCpu);
    }
    Map<String, Long> hashMapCounts;
    try (LimitCounter counter = new LimitCounter(Tokenizer.WHITESPACE, partitions)) {
      hashMapCounts = timeLimit(counter::count, lines, hashMapMs, hashMapCpu);
    }
    if (!hashMapCounts.equals(expected)) {
      throw new IllegalStateException("the two limits counted differently (" + expected.size()
          + " vs " + hashMapCounts.size() + " distinct words): the comparison would be unfair");
    }
    limit = Row.timed(NAME, LIMIT, wordsPerBatch(), limitMs, limitCpu,
        "core/WordTable per thread (a String per distinct word only), tables merged");
    hashMapLimit = Row.timed(NAME, HASHMAP_LIMIT, wordsPerBatch(), hashMapMs, hashMapCpu,
        "same tokenizer, a String per word into one HashMap per thread, then merged");
    report.say("count: limit " + Formats.humanRate(limit.wordsPerSecond()) + " words/s ("
        + Formats.ms(limit.medianMs()) + " ms per " + wordsPerBatch() + " words; "
        + expected.size() + " distinct); HashMap limit "
        + Formats.humanRate(hashMapLimit.wordsPerSecond()) + " words/s ("
        + Formats.ms(hashMapLimit.medianMs()) + " ms)");
  }

  /** One plain-Java counter's way of counting lines. */
  private interface Counter {
    Map<String, Long> count(List<String> lines) throws InterruptedException;
  }

  /** Times warm-up plus measured rounds of {@code counter}; returns its counts. */
  private Map<String, Long> timeLimit(Counter counter, List<String> lines, List<Long> wall,
      List<Long> cpuMs) throws InterruptedException {
    Map<String, Long> counts = null;
    for (int i = 0; i < plan.countWarmup + plan.countBatches; i++) {
      long cpu = BatchTimes.processCpuNanos();
      long start = System.nanoTime();
      counts = counter.count(lines);
      // Rounded up: a quick run's tiny batch can take under a millisecond on a fast machine, and
      // a 0 ms median would leave the limit without a throughput (CI saw it). Whole milliseconds
      // rounded up give an upper bound on the time, so the limit's words/s is never overstated.
      long ms = (System.nanoTime() - start + 999_999) / 1_000_000;
      if (i >= plan.countWarmup) {
        wall.add(ms);
        cpuMs.add(cpu < 0 ? -1 : (BatchTimes.processCpuNanos() - cpu) / 1_000_000);
      }
    }
    return counts;
  }

  /** The baseline, on a SparkContext configured like Spark's example. */
  void runBaseline(JavaSparkContext sc, Report report) throws Exception {
    JavaRDD<String> base = Inputs.zipf(sc, corpus, wordsPerBatch(), partitions);
    try {
      if (!baselineChecked) {
        check("baseline", sc, ssc -> Baseline.wordCounts(feed(base, 1).createStream(ssc))
            .foreachRDD(rdd -> collected(widen(rdd.collectAsMap()))));
        baselineChecked = true;
      }
      int total = plan.countWarmup + plan.countBatches;
      List<BatchTimes.Batch> batches = StreamRun.run(sc, plan.countBatchMs, false,
          ssc -> Baseline.wordCounts(feed(base, total).createStream(ssc))
              .foreachRDD(rdd -> {
                rdd.count();
              }),
          total, StreamRun.timeoutFor(total, plan.countBatchMs, 30_000));
      report.batches(NAME, BASELINE, batches, plan.countWarmup, total);
      baseline = timed(BASELINE, batches, baselineMs, baselineCpu,
          "split(\" \"), Tuple2(word,1), reduceByKey; Spark's default conf");
      report.say("count: baseline " + Formats.humanRate(baseline.wordsPerSecond()) + " words/s ("
          + Formats.ms(baseline.medianMs()) + " ms per batch)");
    } finally {
      base.unpersist();
    }
  }

  /** The project's {@code count} pipeline, built by the CLI's own classes. */
  void runProject(JavaSparkContext sc, Report report) throws Exception {
    JavaRDD<String> base = Inputs.zipf(sc, corpus, wordsPerBatch(), partitions);
    try {
      StreamRun.Production once = new StreamRun.Production("count", feed(base, 1),
          "--batch", plan.countBatchMs + "ms");
      if (!projectChecked) {
        check("project", sc, ssc -> {
          PipelineOutput out = once.job.pipeline().build(once.source.createStream(ssc), once.job.options());
          out.counts().foreachRDD(rdd -> collected(new HashMap<>(rdd.collectAsMap())));
        });
        projectChecked = true;
      }
      int total = plan.countWarmup + plan.countBatches;
      StreamRun.Production run = new StreamRun.Production("count", feed(base, total),
          "--batch", plan.countBatchMs + "ms");
      StageProfile stages = new StageProfile();
      sc.sc().addSparkListener(stages);
      List<BatchTimes.Batch> batches;
      try {
        batches = StreamRun.run(sc, plan.countBatchMs, false, run, total,
            StreamRun.timeoutFor(total, plan.countBatchMs, 30_000));
      } finally {
        sc.sc().removeSparkListener(stages);
      }
      report.batches(NAME, PROJECT, batches, plan.countWarmup, total);
      project = timed(PROJECT, batches, projectMs, projectCpu,
          "production CountPipeline via GraphBuilder, --no-print");
      profile = StageProfile.summary(stages.stages(), plan.countBatches,
          Stats.median(BatchTimes.processing(batches, plan.countWarmup, total)));
      report.say("count: project profile " + profile);
      report.say("count: project " + Formats.humanRate(project.wordsPerSecond()) + " words/s ("
          + Formats.ms(project.medianMs()) + " ms per batch)");
    } finally {
      base.unpersist();
    }
  }

  /** The project's row so far, or null: what other measures set themselves beside. */
  Row projectRow() {
    return project;
  }

  /** Rows, goals and the chart panel, with every ratio taken within this run. */
  void report(Report report) {
    double b = baseline == null ? Double.NaN : baseline.wordsPerSecond();
    double l = limit == null ? Double.NaN : limit.wordsPerSecond();
    List<Chart.Bar> bars = new ArrayList<>();
    if (project != null) {
      report.row(project.withRatios(b, l));
      bars.add(bar("this project: count pipeline", project, Chart.Kind.PROJECT));
    }
    if (baseline != null) {
      report.row(baseline.withRatios(b, l));
      bars.add(bar("baseline: JavaNetworkWordCount", baseline, Chart.Kind.BASELINE));
    }
    if (limit != null) {
      report.row(limit.withRatios(b, l));
      bars.add(bar(LIMIT, limit, Chart.Kind.LIMIT));
    }
    if (hashMapLimit != null) {
      report.row(hashMapLimit.withRatios(b, l));
      bars.add(bar(HASHMAP_LIMIT, hashMapLimit, Chart.Kind.LIMIT));
    }
    report.chart.add(new Chart.Panel(
        "count: words/s on " + StateMeasure.size(wordsPerBatch()) + "-word batches", "higher is better",
        bars));
    double p = project == null ? Double.NaN : project.wordsPerSecond();
    double vsBaseline = Stats.ratio(p, b);
    double vsLimit = Stats.ratio(p, l);
    // The same ratios by CPU time per batch: less at the mercy of other work on the machine.
    double pc = project == null ? Double.NaN : project.cpuMs();
    double cpuVsBaseline = Stats.ratio(baseline == null ? Double.NaN : baseline.cpuMs(), pc);
    double cpuVsLimit = Stats.ratio(limit == null ? Double.NaN : limit.cpuMs(), pc);
    report.goal(goal("count vs baseline", ">= 3x", vsBaseline, 3.0,
        "words/s of the count pipeline over JavaNetworkWordCount's; by CPU time per batch: "
            + Formats.ratio(cpuVsBaseline)));
    double vsHashMap = Stats.ratio(p, hashMapLimit == null ? Double.NaN : hashMapLimit.wordsPerSecond());
    // Issue 15: with the limit now the fastest plain-Java counter, the ratio is reported, not a
    // goal; what Spark adds per batch is in batches.csv (scheduling, processing) and the README.
    String what = "words/s of the count pipeline over the allocation-free plain-Java counter with "
        + partitions + " threads; by CPU time per batch: " + Formats.ratio(cpuVsLimit)
        + "; over the HashMap limit: " + Formats.ratio(vsHashMap)
        + (profile == null ? "" : "; project " + profile);
    report.goal(Double.isNaN(vsLimit)
        ? new Goal("count vs limit", "reported", Formats.NONE, Goal.Verdict.NOT_MEASURED,
            what + ": not measured")
        : new Goal("count vs limit", "reported", Formats.ratio(vsLimit), Goal.Verdict.REPORTED, what));
  }

  private static Goal goal(String name, String target, double measured, double atLeast, String what) {
    if (Double.isNaN(measured)) {
      return new Goal(name, target, Formats.NONE, Goal.Verdict.NOT_MEASURED, what + ": not measured");
    }
    return new Goal(name, target, Formats.ratio(measured), Goal.verdict(measured >= atLeast), what);
  }

  private static Chart.Bar bar(String label, Row r, Chart.Kind kind) {
    return new Chart.Bar(label, r.wordsPerSecond(), Formats.humanRate(r.wordsPerSecond()) + " words/s",
        kind);
  }

  /** Adds this round's measured batches to {@code pool} and sums the pool up. */
  private Row timed(String variant, List<BatchTimes.Batch> batches, List<Long> wall, List<Long> cpu,
      String note) {
    int from = plan.countWarmup;
    int to = plan.countWarmup + plan.countBatches;
    wall.addAll(BatchTimes.processing(batches, from, to));
    cpu.addAll(BatchTimes.cpu(batches, from, to));
    return Row.timed(NAME, variant, wordsPerBatch(), wall, cpu, note);
  }

  private StreamRun.QueueFeed feed(JavaRDD<String> base, int batches) {
    return new StreamRun.QueueFeed(Inputs.repeat(base, batches));
  }

  /** Runs one batch through {@code wiring}, which must leave its counts in COLLECTED. */
  private void check(String variant, JavaSparkContext sc, StreamRun.Wiring wiring) throws Exception {
    COLLECTED.set(null);
    StreamRun.run(sc, plan.countBatchMs, false, wiring, 1, StreamRun.timeoutFor(1, plan.countBatchMs, 60_000));
    Map<String, Long> got = COLLECTED.get();
    if (got == null || !got.equals(expected)) {
      throw new IllegalStateException("the " + variant + " counted differently from the limit ("
          + (got == null ? "no result" : got.size() + " distinct words") + " vs "
          + expected.size() + "): the comparison would be unfair");
    }
  }

  /** Keeps the first batch's counts: the empty batches after it must not overwrite them. */
  private static void collected(Map<String, Long> counts) {
    COLLECTED.compareAndSet(null, counts);
  }

  private static Map<String, Long> widen(Map<String, Integer> counts) {
    Map<String, Long> out = new HashMap<>(counts.size() * 2);
    counts.forEach((w, c) -> out.put(w, c.longValue()));
    return out;
  }
}
