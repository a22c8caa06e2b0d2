package dstream.wordcount.bench;

import dstream.wordcount.core.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;

/**
 * Structured Streaming, what users pick instead of DStreams, as a peer in the same run: the same
 * per-batch word count as {@code count} and the same running totals as {@code state}/{@code
 * cumulative}, written the way Structured Streaming users write them, fed the
 * same corpus lines in the same batch sizes and intervals, on the same SparkContext.
 *
 * <ul>
 *   <li>per-batch count: {@code foreachBatch} with {@code groupBy("word").count()} written to the
 *       {@code noop} sink (a streaming aggregation without a watermark keeps state across batches;
 *       {@code foreachBatch} is how Structured Streaming counts one batch alone);
 *   <li>running totals: {@code groupBy("word").count()} in update mode (the changed words each
 *       batch, like {@code state}) to the {@code noop} sink, with the default HDFS-backed state
 *       store and with the RocksDB state store, at the small and large state sizes of the
 *       {@code state} measure.
 * </ul>
 * Words are {@code explode(split(value, " "))}: on the corpus's single-spaced lines that is the
 * whitespace tokenizer; before timing, the per-batch counts, and the running totals on each store
 * after three small batches, are checked equal to the plain-Java counts. {@code spark.sql.shuffle.partitions} is 2, the DStream side's parallelism on
 * {@code local[2]} (Spark's default of 200 is meant for clusters, and Spark's tuning guide says to
 * set it). The ms per batch is the progress report's {@code triggerExecution}: the whole
 * micro-batch as the user waits for it (planning, offset and commit logs, state store commit
 * included), the counterpart of a DStream batch's processing time; its {@code addBatch} part (the
 * jobs alone) is in the rows' notes. The inputs come from {@link CorpusSource}, which reads
 * nothing but rows already in memory, as the DStream side's cached RDDs.
 */
final class StructuredMeasure {
  static final String NAME = "structured";
  static final String GOAL = "structured streaming vs DStream";
  static final String ROCKSDB =
      "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider";
  static final String HDFS =
      "org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider";
  private static final AtomicReference<Map<String, Long>> COLLECTED = new AtomicReference<>();
  /** The running totals of the check query, filled by its foreachBatch on the driver. */
  private static final AtomicReference<Map<String, Long>> TOTALS = new AtomicReference<>();

  private final BenchPlan plan;
  private final int partitions;
  private int runs;

  StructuredMeasure(BenchPlan plan, int partitions) {
    this.plan = plan;
    this.partitions = partitions;
  }

  /**
   * Measures every variant; {@code count} and {@code state} are the DStream rows of this run to
   * set them beside (null or empty when those measures did not run).
   */
  void run(JavaSparkContext sc, Report report, Row count, List<Row> state) throws Exception {
    // A session of its own on the bench's SparkContext: its SQL settings stay its own.
    SparkSession session = SparkSession.builder().getOrCreate().newSession();
    session.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
    session.conf().set("spark.sql.streaming.schemaInference", "false");

    ZipfCorpus countCorpus = new ZipfCorpus(plan.vocabulary, plan.exponent, plan.wordsPerLine, Bench.SEED);
    List<List<String>> countBatch = Inputs.parts(partitions,
        p -> Inputs.zipfPart(countCorpus, plan.countWords, partitions, p));
    long countWords = words(countBatch);
    COLLECTED.set(null);
    Row perBatch = measure(session, "per-batch count: foreachBatch groupBy(word).count()", null,
        repeat(countBatch, plan.countWarmup + plan.countBatches), 0, plan.countWarmup,
        plan.countBatches, plan.countBatchMs, countWords, report);
    check(expected(countBatch));

    ZipfCorpus stateCorpus = new ZipfCorpus(plan.stateSmall, plan.exponent, plan.wordsPerLine,
        Bench.SEED + 1);
    List<List<String>> words = Inputs.parts(partitions,
        p -> Inputs.zipfPart(stateCorpus, plan.stateWords, partitions, p));
    List<List<String>> small = Inputs.parts(partitions,
        p -> Inputs.distinctPart(0, plan.stateSmall, plan.wordsPerLine, partitions, p));
    List<List<List<String>>> smallFill = repeat(small, plan.stateFillBatches);
    List<List<List<String>>> largeFill = new ArrayList<>();
    long per = plan.stateLarge / plan.stateFillBatches;
    for (int i = 0; i < plan.stateFillBatches; i++) {
      long first = i * per;
      long n = i == plan.stateFillBatches - 1 ? plan.stateLarge - i * per : per;
      largeFill.add(Inputs.parts(partitions,
          p -> Inputs.distinctPart(first, n, plan.wordsPerLine, partitions, p)));
    }
    long stateWords = words(words);
    List<Row> totals = new ArrayList<>();
    for (String store : List.of(HDFS, ROCKSDB)) {
      checkTotals(session, store, List.of(words, small, words));
      // Small then large state per store, fill batches first, like the state measure; --quick
      // runs the large one only, to keep CI's smoke test short (each query start costs seconds).
      for (boolean large : plan.structuredBothSizes ? List.of(false, true) : List.of(true)) {
        List<List<List<String>>> batches = new ArrayList<>(large ? largeFill : smallFill);
        batches.addAll(repeat(words, plan.structuredWarmup + plan.structuredBatches));
        int size = large ? plan.stateLarge : plan.stateSmall;
        totals.add(measure(session, "running totals, " + (store.equals(HDFS) ? "HDFS" : "RocksDB")
                + " state store, " + StateMeasure.size(size) + " words in state", store, batches,
            plan.stateFillBatches, plan.structuredWarmup, plan.structuredBatches, plan.stateBatchMs,
            stateWords, report));
      }
    }
    report.row(perBatch);
    totals.forEach(report::row);
    chart(report, count, perBatch, state, totals);
    goal(report, count, perBatch, state, totals);
  }

  private void chart(Report report, Row count, Row perBatch, List<Row> state, List<Row> totals) {
    List<Chart.Bar> first = new ArrayList<>();
    if (count != null) {
      first.add(bar("DStream: count pipeline", count, Chart.Kind.PROJECT));
    }
    first.add(bar("Structured: foreachBatch groupBy.count", perBatch, Chart.Kind.OTHER));
    report.chart.add(new Chart.Panel("structured streaming vs DStream: median ms per "
        + StateMeasure.size(perBatch.wordsPerBatch()) + "-word batch, per-batch count",
        "lower is better", first));
    List<Chart.Bar> second = new ArrayList<>();
    List<Integer> sizes = sizes();
    int n = sizes.size();
    for (int s = 0; s < n; s++) {
      String size = StateMeasure.size(sizes.get(s));
      // The state measure's rows are small then large, state then cumulative.
      int dstream = sizes.get(s) == plan.stateSmall ? 0 : 1;
      if (state != null && state.size() == 4) {
        second.add(bar("DStream state, " + size + " in state", state.get(dstream), Chart.Kind.PROJECT));
        second.add(bar("DStream cumulative, " + size + " in state", state.get(2 + dstream),
            Chart.Kind.PROJECT));
      }
      second.add(bar("Structured HDFS store, " + size + " in state", totals.get(s), Chart.Kind.OTHER));
      second.add(bar("Structured RocksDB store, " + size + " in state", totals.get(n + s),
          Chart.Kind.OTHER));
    }
    report.chart.add(new Chart.Panel("structured streaming vs DStream: median ms per "
        + StateMeasure.size(plan.stateWords) + "-word batch, running totals", "lower is better", second));
  }

  private void goal(Report report, Row count, Row perBatch, List<Row> state, List<Row> totals) {
    double perBatchRatio = count == null ? Double.NaN : Stats.ratio(perBatch.medianMs(), count.medianMs());
    StringBuilder d = new StringBuilder("ms per batch, Structured Streaming over DStream: per-batch count "
        + Formats.ms(perBatch.medianMs()) + " vs " + (count == null ? "-" : Formats.ms(count.medianMs())));
    boolean haveState = state != null && state.size() == 4;
    List<Integer> sizes = sizes();
    int n = sizes.size();
    for (int s = 0; s < n; s++) {
      int dstream = sizes.get(s) == plan.stateSmall ? 0 : 1;
      d.append("; ").append(StateMeasure.size(sizes.get(s))).append(" in state: HDFS store ")
          .append(Formats.ms(totals.get(s).medianMs())).append(", RocksDB ")
          .append(Formats.ms(totals.get(n + s).medianMs()));
      if (haveState) {
        d.append(" vs state ").append(Formats.ms(state.get(dstream).medianMs()))
            .append(", cumulative ").append(Formats.ms(state.get(2 + dstream).medianMs()));
      }
    }
    if (count == null || !haveState) {
      d.append(" (run with --only count,state,structured for every DStream figure)");
    }
    report.goal(new Goal(GOAL, "reported", Formats.ratio(perBatchRatio), Goal.Verdict.REPORTED,
        d.toString()));
  }

  /** The state sizes measured, small first. */
  private List<Integer> sizes() {
    return plan.structuredBothSizes ? List.of(plan.stateSmall, plan.stateLarge) : List.of(plan.stateLarge);
  }

  private static Chart.Bar bar(String label, Row r, Chart.Kind kind) {
    return new Chart.Bar(label, r.medianMs(), Formats.ms(r.medianMs()) + " ms", kind);
  }

  /** The plain-Java counts of a batch's lines: what the first batch must have counted. */
  private Map<String, Long> expected(List<List<String>> batch) throws InterruptedException {
    List<String> lines = new ArrayList<>();
    batch.forEach(lines::addAll);
    try (TableLimitCounter counter = new TableLimitCounter(Tokenizer.WHITESPACE, partitions)) {
      return counter.count(lines);
    }
  }

  private static void check(Map<String, Long> expected) {
    Map<String, Long> got = COLLECTED.get();
    if (got == null || !got.equals(expected)) {
      throw new IllegalStateException("Structured Streaming counted differently from the limit ("
          + (got == null ? "no result" : got.size() + " distinct words") + " vs " + expected.size()
          + "): the comparison would be unfair");
    }
  }

  /**
   * The running totals on {@code store} before they are timed: {@code batches} through the same
   * query, each micro-batch's updated rows (update mode: a word's new total) collected, and the
   * totals at the end compared with the plain-Java counts of all the batches' lines. Small
   * batches, so the check costs a query start, not a measure.
   */
  private void checkTotals(SparkSession session, String store, List<List<List<String>>> batches)
      throws Exception {
    Map<String, Long> totals = new HashMap<>();
    TOTALS.set(totals);
    try {
      session.conf().set("spark.sql.streaming.stateStore.providerClass", store);
      runQuery(session, batches, 1_000, (words, dir) -> words.groupBy("word").count().writeStream()
          .outputMode("update")
          .option("checkpointLocation", dir.toString())
          .foreachBatch((VoidFunction2<Dataset<org.apache.spark.sql.Row>, Long>) StructuredMeasure::collectTotals)
          .start());
    } finally {
      TOTALS.set(null);
    }
    List<List<String>> all = new ArrayList<>();
    batches.forEach(all::addAll);
    Map<String, Long> expected = expected(all);
    if (!totals.equals(expected)) {
      throw new IllegalStateException("Structured Streaming's running totals ("
          + (store.equals(HDFS) ? "HDFS" : "RocksDB") + " state store) differ from the limit's counts ("
          + totals.size() + " vs " + expected.size() + " distinct words): the comparison would be unfair");
    }
  }

  /** Update mode hands each micro-batch the words whose totals changed, with the new totals. */
  private static void collectTotals(Dataset<org.apache.spark.sql.Row> updated, Long id) {
    Map<String, Long> totals = TOTALS.get();
    for (org.apache.spark.sql.Row r : updated.collectAsList()) {
      totals.put(r.getString(0), r.getLong(1));
    }
  }

  /**
   * The per-batch count. Batch 0, a warm-up batch, is collected for the check instead (one query
   * start less than a separate checking run, which matters to the CI smoke test).
   */
  private static void countBatch(Dataset<org.apache.spark.sql.Row> batch, Long id) {
    Dataset<org.apache.spark.sql.Row> counts = batch.groupBy("word").count();
    if (id == 0) {
      Map<String, Long> collected = new HashMap<>();
      for (org.apache.spark.sql.Row r : counts.collectAsList()) {
        collected.put(r.getString(0), r.getLong(1));
      }
      COLLECTED.set(collected);
    } else {
      counts.write().format("noop").mode("overwrite").save();
    }
  }

  /**
   * Runs {@code batches} through one query and times batches {@code fill + warmup ..} on; a null
   * {@code store} is the per-batch count, otherwise the running totals on that state store.
   */
  private Row measure(SparkSession session, String variant, String store,
      List<List<List<String>>> batches, int fill, int warmup, int measured, long batchMs,
      long wordsPerBatch, Report report) throws Exception {
    Trigger every = Trigger.ProcessingTime(batchMs, TimeUnit.MILLISECONDS);
    if (store != null) {
      // Read when the query starts and recorded in its checkpoint: set before each start.
      session.conf().set("spark.sql.streaming.stateStore.providerClass", store);
    }
    Progress progress = runQuery(session, batches, batchMs, (words, dir) -> store == null
        ? words.writeStream()
            .option("checkpointLocation", dir.toString())
            .trigger(every)
            .foreachBatch((VoidFunction2<Dataset<org.apache.spark.sql.Row>, Long>) StructuredMeasure::countBatch)
            .start()
        : words.groupBy("word").count().writeStream()
            .outputMode("update")
            .format("noop")
            .option("checkpointLocation", dir.toString())
            .trigger(every)
            .start());
    List<BatchTimes.Batch> done = progress.batches();
    int from = fill + warmup;
    int to = from + measured;
    report.batches(NAME, variant, done, from, to);
    List<Long> addBatch = new ArrayList<>();
    for (long a : progress.addBatchMs.subList(from, Math.min(to, progress.addBatchMs.size()))) {
      addBatch.add(a);
    }
    Row row = Row.timed(NAME, variant, wordsPerBatch, BatchTimes.processing(done, from, to),
        List.of(), "triggerExecution per micro-batch; its addBatch (the jobs): median "
            + Formats.ms(Stats.median(addBatch)) + " ms" + (store == null ? ""
                : "; update mode, noop sink"));
    report.say("structured: " + variant + ": " + Formats.ms(row.medianMs()) + " ms per batch (addBatch "
        + Formats.ms(Stats.median(addBatch)) + " ms)");
    return row;
  }

  /** Starts a streaming query on the words of the given input, writing its checkpoint to {@code dir}. */
  private interface QueryStart {
    StreamingQuery start(Dataset<org.apache.spark.sql.Row> words, Path dir) throws Exception;
  }

  /**
   * Runs {@code batches} through the query {@code start} builds, on a fresh checkpoint directory,
   * until every batch is done (within a limit scaled by {@code batchMs}), then stops it and cleans
   * up; returns the batches' progress.
   */
  private Progress runQuery(SparkSession session, List<List<List<String>>> batches, long batchMs,
      QueryStart start) throws Exception {
    String id = register(batches);
    Path dir = Files.createTempDirectory("dstream-wordcount-bench-structured-");
    Progress progress = new Progress();
    session.streams().addListener(progress);
    try {
      StreamingQuery q = start.start(words(session, id), dir);
      try {
        long timeout = StreamRun.timeoutFor(batches.size(), batchMs, 30_000);
        if (!progress.await(batches.size(), timeout, q)) {
          throw new IllegalStateException("only " + progress.batches().size() + " of "
              + batches.size() + " Structured Streaming batches completed within "
              + timeout / 1000 + " s");
        }
      } finally {
        q.stop();
      }
      return progress;
    } finally {
      session.streams().removeListener(progress);
      CorpusSource.unregister(id);
      StreamRun.deleteTree(dir);
    }
  }

  private Dataset<org.apache.spark.sql.Row> words(SparkSession session, String id) {
    return session.readStream().format(CorpusSource.class.getName()).option(CorpusSource.ID, id)
        .load()
        .select(functions.explode(functions.split(functions.col("value"), " ")).as("word"));
  }

  private String register(List<List<List<String>>> batches) {
    String id = "bench-" + (++runs) + "-" + System.nanoTime();
    CorpusSource.register(id, batches);
    return id;
  }

  private static <T> List<T> repeat(T item, int n) {
    List<T> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(item);
    }
    return out;
  }

  private static long words(List<List<String>> batch) {
    long n = 0;
    for (List<String> part : batch) {
      for (String line : part) {
        n += line.isEmpty() ? 0 : line.split(" ").length;
      }
    }
    return n;
  }

  /** The progress of one query's data batches, in batch order, as Spark reported them. */
  static final class Progress extends StreamingQueryListener {
    private final List<BatchTimes.Batch> batches = new ArrayList<>();
    final List<Long> addBatchMs = new ArrayList<>();

    @Override
    public void onQueryStarted(QueryStartedEvent event) {
      // nothing to record
    }

    @Override
    public synchronized void onQueryProgress(QueryProgressEvent event) {
      StreamingQueryProgress p = event.progress();
      if (p.numInputRows() <= 0) {
        return; // an idle trigger, not one of the fed batches
      }
      Map<String, Long> d = p.durationMs();
      batches.add(new BatchTimes.Batch(p.batchId(), p.numInputRows(),
          d.getOrDefault("triggerExecution", -1L), -1, -1));
      addBatchMs.add(d.getOrDefault("addBatch", -1L));
      notifyAll();
    }

    @Override
    public synchronized void onQueryTerminated(QueryTerminatedEvent event) {
      notifyAll();
    }

    /** Waits for {@code n} data batches; false on timeout; fails when the query died. */
    synchronized boolean await(int n, long timeoutMs, StreamingQuery q) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeoutMs;
      while (batches.size() < n) {
        if (q.exception().isDefined()) {
          throw new IllegalStateException("the Structured Streaming query failed: "
              + q.exception().get().getMessage(), q.exception().get());
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return false;
        }
        wait(Math.min(left, 500));
      }
      return true;
    }

    synchronized List<BatchTimes.Batch> batches() {
      return List.copyOf(batches);
    }
  }
}
