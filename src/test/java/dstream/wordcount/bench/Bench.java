package dstream.wordcount.bench;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.run.Job;
import dstream.wordcount.run.SparkConfs;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/bench}: measures the project's pipelines and says how fast they are next to Spark's
 * own JavaNetworkWordCount formulation (the baseline) and a plain-Java counter (the limit), all in
 * one run on {@code local[2]}, so that the ratios hold even on a busy machine.
 *
 * <p>Input is a seeded Zipf corpus generated on the executors and cached before timing, fed through
 * {@code queueStream}; times are Spark's own per-batch processing times from a
 * {@code StreamingListener}, warm-up batches discarded, medians reported. The project's side always
 * runs the production classes: the pipeline from the registry, wired by the CLI's
 * {@code GraphBuilder} with {@code --no-print} (whose output counts each batch's result), on a
 * SparkContext configured by the CLI's {@code SparkConfs}. Run {@code bin/bench --help}.
 */
public final class Bench {
  /** Seed of every corpus: the same run measures the same words. */
  static final long SEED = 20_240_601L;
  /** The master of every Spark run: the 2-core target machine of the benchmark goals. */
  static final String MASTER = "local[2]";
  private static final int CORES = 2;
  private static final String PROGRAM = "bench";
  private static final Logger LOG = LoggerFactory.getLogger(Bench.class);

  private Bench() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the benchmark and returns the exit code: 0 done, 1 a measure failed, 2 usage error. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    BenchArgs a;
    try {
      a = BenchArgs.parse(args, defaultResults());
    } catch (UsageException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      return 2;
    }
    if (a.help()) {
      BenchArgs.printHelp(new PrintWriter(out, true, StandardCharsets.UTF_8));
      return 0;
    }
    BenchPlan plan = a.plan();
    Report report = new Report(out);
    // A run is stopped without waiting for the batches queued behind the measured ones; a job
    // interrupted that way dies with an InterruptedException that must not reach the console.
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(Bench::uncaught);
    report.say("dstream-wordcount bench (" + plan.mode + ") on " + MASTER + ", "
        + Runtime.getRuntime().availableProcessors() + " cores visible; results to "
        + a.results().toAbsolutePath());
    try {
      measure(a, plan, report);
      writeResults(a, plan, report);
    } catch (Exception | Error e) {
      err.println(PROGRAM + ": failed: " + e + " (details in the log)");
      LOG.error("bench failed", e);
      return 1;
    } finally {
      Thread.setDefaultUncaughtExceptionHandler(previous);
    }
    if (!report.failures.isEmpty()) {
      err.println(PROGRAM + ": " + report.failures.size() + " measure(s) failed: "
          + String.join("; ", report.failures));
      return 1;
    }
    return 0;
  }

  private static void measure(BenchArgs a, BenchPlan plan, Report report) throws Exception {
    Set<String> only = a.only();
    SparkConf projectConf = projectConf(a.conf());
    // The throughput measures time what the pipelines can do, so the driver's flow control (which
    // caps the receiver and Kafka rates) is off for them unless --conf sets it; the flood measure
    // runs real drivers with it.
    Map<String, String> own = a.conf() == null ? Map.of()
        : Job.parse(new String[] {"--conf", a.conf().toString()}, null).options().sparkConf();
    for (String key : SparkConfs.FLOW_CONTROL.keySet()) {
      if (!own.containsKey(key)) {
        projectConf.remove(key);
      }
    }
    if (!projectConf.contains(KafkaMeasure.RATE_KEY)) {
      // Read by the kafka source only: caps each batch, so the kafka measure times fixed batches.
      projectConf.set(KafkaMeasure.RATE_KEY, Long.toString(KafkaMeasure.ratePerPartition(plan)));
    }
    if (a.conf() != null) {
      report.say("project SparkConf: defaults plus the spark.* keys of " + a.conf());
    }
    // --quick runs recovery beside the measures before it: its two driver starts are most of its
    // time and would otherwise be most of CI's smoke test; quick numbers mean nothing anyway. The
    // full run keeps it alone, its figures undisturbed. Its results join the report in its place.
    Report beside = report.sibling();
    Thread recovery = null;
    if (only.contains("recovery") && plan.recoveryBeside) {
      recovery = new Thread(() -> attempt(beside, "recovery", RecoveryMeasure.GOAL, "reported",
          () -> new RecoveryMeasure(plan, home()).run(beside)), "bench-recovery");
      recovery.setDaemon(true);
      recovery.start();
    }
    try {
      measure(a, plan, report, projectConf, only, recovery, beside);
    } finally {
      if (recovery != null) {
        // Its drivers are processes of their own: never leave them to outlive the bench.
        recovery.join();
      }
    }
  }

  private static void measure(BenchArgs a, BenchPlan plan, Report report, SparkConf projectConf,
      Set<String> only, Thread recovery, Report beside) throws Exception {
    CountMeasure count = new CountMeasure(plan, CORES);
    HeapMeasure heap = new HeapMeasure(plan, CORES);
    boolean counting = only.contains("count");
    // The count measure alternates limit, baseline and project over rounds; the project's last
    // round shares its SparkContext with the other measures.
    for (int round = 0; counting && round < plan.countRounds; round++) {
      attempt(report, "count", "count vs baseline", ">= 3x", () -> count.runLimit(report));
      try (JavaSparkContext sc = new JavaSparkContext(quiet(Baseline.conf(MASTER)))) {
        attempt(report, "count", "count vs baseline", ">= 3x", () -> count.runBaseline(sc, report));
      }
      if (round < plan.countRounds - 1) {
        try (JavaSparkContext sc = new JavaSparkContext(projectConf.clone())) {
          attempt(report, "count", "count vs baseline", ">= 3x", () -> count.runProject(sc, report));
        }
      }
    }
    try (JavaSparkContext sc = new JavaSparkContext(projectConf.clone())) {
      if (counting) {
        attempt(report, "count", "count vs baseline", ">= 3x", () -> count.runProject(sc, report));
        count.report(report);
      }
      List<Row> stateRows = new ArrayList<>();
      if (only.contains("state")) {
        attempt(report, "state", "state: large vs small state", "<= 1.5x",
            () -> stateRows.addAll(new StateMeasure(plan, CORES).run(sc, report)));
      }
      if (only.contains("structured")) {
        attempt(report, "structured", StructuredMeasure.GOAL, "reported",
            () -> new StructuredMeasure(plan, CORES).run(sc, report, count.projectRow(), stateRows));
      }
      if (only.contains("growth")) {
        attempt(report, "growth", GrowthMeasure.WORDS_GOAL, "reported",
            () -> new GrowthMeasure(plan, CORES).run(sc, report));
      }
      if (recovery != null) {
        recovery.join();
        report.absorb(beside);
      } else if (only.contains("recovery")) {
        attempt(report, "recovery", RecoveryMeasure.GOAL, "reported",
            () -> new RecoveryMeasure(plan, home()).run(report));
      }
      if (only.contains("window")) {
        attempt(report, "window", "window: long vs short window", "<= 1.3x",
            () -> new WindowMeasure(plan, CORES).run(sc, report));
      }
      if (only.contains("interval")) {
        attempt(report, "interval", "shortest sustained interval", "<= 200 ms",
            () -> new IntervalMeasure(plan, CORES).run(sc, report));
      }
      if (only.contains("socket")) {
        attempt(report, "socket", "socket source vs plain reader", "reported",
            () -> new SocketMeasure(plan).run(sc, report));
      }
      if (only.contains("kafka")) {
        attempt(report, "kafka", "kafka source vs plain consumer", "reported",
            () -> new KafkaMeasure(plan, home(), a.conf()).run(sc, report));
      }
      if (only.contains("db")) {
        attempt(report, "db", "count --db vs without", "reported",
            () -> new DbMeasure(plan, CORES, home()).run(sc, report));
      }
      if (only.contains("heap")) {
        attempt(report, "heap", "driver heap under state with idle eviction", "flat",
            () -> heap.run(sc, report));
      }
    }
    if (only.contains("engines")) {
      // Separate drivers (bin/run-wordcount) of each engine, as a user runs them.
      attempt(report, "engines", EnginesMeasure.GOAL, EnginesMeasure.TARGET,
          () -> new EnginesMeasure(plan, home()).run(report));
    }
    if (only.contains("latency")) {
      // Separate drivers (bin/run-wordcount) of each engine, fed while they run.
      attempt(report, "latency", LatencyMeasure.GOAL, LatencyMeasure.TARGET,
          () -> new LatencyMeasure(plan, home()).run(report));
    }
    if (only.contains("flood")) {
      // Separate drivers (bin/run-wordcount), so the production defaults are what is measured.
      attempt(report, "flood", "flood delay bounded", "p95 < 5 batches, no growth",
          () -> new FloodMeasure(plan, home(), a.conf()).run(report));
    }
    report.heapCsv = heap.samples().isEmpty() ? null : heap.samplesCsv();
  }

  private static void uncaught(Thread t, Throwable e) {
    if (e instanceof InterruptedException) {
      LOG.debug("{} interrupted by a stop", t.getName(), e);
    } else {
      LOG.error("uncaught exception in {}", t.getName(), e);
    }
  }

  /** One measure's work; a failure is reported and the run goes on with the next measure. */
  private interface Work {
    void run() throws Exception;
  }

  private static void attempt(Report report, String measure, String goal, String target, Work work) {
    long start = System.nanoTime();
    try {
      work.run();
    } catch (Exception | AssertionError e) { // the test helpers' servers fail with the latter
      LOG.error(measure + " failed", e);
      report.failed(measure, goal, target, e);
    }
    // What each part of a run costs, so a full run's length can be told from parts of it.
    report.say(measure + ": took " + Math.round((System.nanoTime() - start) / 1e9) + " s");
  }

  /**
   * The CLI's own SparkConf (its defaults included, plus the spark.* keys of {@code conf} if given),
   * with the bench's app name and no UI.
   */
  static SparkConf projectConf(Path conf) throws UsageException {
    String[] args = conf == null ? new String[] {"--master", MASTER}
        : new String[] {"--master", MASTER, "--conf", conf.toString()};
    Job defaults = Job.parse(args, null);
    return quiet(SparkConfs.sparkConf(defaults.options()).setAppName("dstream-wordcount bench"));
  }

  private static SparkConf quiet(SparkConf conf) {
    return conf.set("spark.ui.enabled", "false").set("spark.driver.host", "127.0.0.1");
  }

  private static void writeResults(BenchArgs a, BenchPlan plan, Report report) throws Exception {
    Path dir = a.results();
    String when = ZonedDateTime.now().withNano(0).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    String machine = Runtime.getRuntime().availableProcessors() + " cores, java "
        + System.getProperty("java.version") + ", max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB";
    ResultFiles.write(dir.resolve("results.csv"), ResultFiles.rowsCsv(report.rows));
    ResultFiles.write(dir.resolve("goals.csv"), ResultFiles.goalsCsv(report.goals));
    ResultFiles.write(dir.resolve("bench.svg"), SvgChart.render(report.chart,
        "dstream-wordcount bench (" + plan.mode + ", " + MASTER + ")", machine + "; " + when));
    ResultFiles.write(dir.resolve("batches.csv"), report.batchesCsv());
    if (report.heapCsv != null) {
      ResultFiles.write(dir.resolve("heap.csv"), report.heapCsv);
    }
    ResultFiles.write(dir.resolve("run.txt"), "mode: " + plan.mode + "\nmaster: " + MASTER
        + "\nmachine: " + machine + "\nos: " + System.getProperty("os.name") + " "
        + System.getProperty("os.arch") + "\nheap run: " + Formats.duration(plan.heapDurationMs)
        + "\nfinished: " + when + "\n");
    report.say("");
    report.say(ResultFiles.rowsTable(report.rows));
    report.say(ResultFiles.goalsTable(report.goals));
    report.say("wrote results.csv, goals.csv, bench.svg, batches.csv"
        + (report.heapCsv != null ? ", heap.csv" : "") + " and run.txt to " + dir.toAbsolutePath());
  }

  /** {@code target/bench} in the project ({@code wordcount.home}, set by bin/), else here. */
  private static Path defaultResults() {
    Path home = home();
    return (home == null ? Path.of("target") : home.resolve("target")).resolve("bench");
  }

  /** The project's directory as bin/ passes it ({@code wordcount.home}), or null. */
  static Path home() {
    String home = System.getProperty("wordcount.home");
    return home == null ? null : Path.of(home).toAbsolutePath();
  }
}
