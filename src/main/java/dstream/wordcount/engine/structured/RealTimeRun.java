package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.TriggerMode;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.DurationText;
import dstream.wordcount.live.RunState;
import dstream.wordcount.outputs.ConsoleOutput;
import dstream.wordcount.outputs.Output;
import dstream.wordcount.pipelines.GrepPipeline;
import dstream.wordcount.run.Chosen;
import dstream.wordcount.run.GracefulShutdown;
import dstream.wordcount.run.Job;
import dstream.wordcount.run.SparkLine;
import dstream.wordcount.sources.KafkaSource;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext$;
import org.apache.spark.sql.ForeachWriter;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --trigger realtime}: {@code grep} on Kafka in Spark's real-time mode
 * ({@code Trigger.RealTime}, Spark 4.1+). Long-running tasks, one per Kafka partition, read each
 * record as it arrives, and a {@code foreach} writer prints each matching line on its own the
 * moment it passes the filter: milliseconds, where a micro-batch waits for its batch's end.
 *
 * <p>What Spark allows decides what is offered: real-time mode runs stateless queries, reads
 * Kafka only, and writes through row-at-a-time sinks, never {@code foreachBatch}, which every
 * other output of this project writes through. So: {@code grep}, {@code --source kafka}, the
 * console, on a local master (a {@code foreach} writer prints on the executors; only a local
 * master's executors share the driver's stdout). Each combination outside that is one line
 * naming the fix.
 *
 * <p>Progress. A real-time batch is a checkpoint interval, not a latency: every
 * {@code --realtime-interval} (one minute unless set; why in {@link TriggerMode#REAL_TIME_INTERVAL})
 * Spark checkpoints the offsets the lines printed came from, and the batch's end offsets are
 * then committed to {@code --group-id}, as after a micro-batch. Lines are printed at least once:
 * those printed after the last checkpoint are printed again by a restart.
 */
final class RealTimeRun {
  private static final Logger LOG = LoggerFactory.getLogger(StructuredRunner.class);
  /** What a stop takes: the query's own stop, interrupting its long-running tasks. */
  private static final long STOP_WAIT_MS = 30_000;

  private RealTimeRun() {}

  /** Refuses in one line what Spark's real-time mode, or its console, cannot run. */
  static void validate(Job job) throws UsageException {
    Options o = job.options();
    String mode = TriggerMode.TRIGGER.flagName() + " realtime";
    if (!(job.pipeline().component() instanceof GrepPipeline)) {
      throw new UsageException(mode + " runs grep only: Spark 4.2's real-time mode runs"
          + " stateless queries (no aggregation, window or state), and --pipeline " + o.pipeline()
          + " is not one; use --pipeline grep, or leave out " + TriggerMode.TRIGGER.flagName());
    }
    if (!(job.source().component() instanceof KafkaSource)) {
      throw new UsageException(mode + " reads Kafka only (the one source of Spark's real-time"
          + " mode); use --source kafka, or leave out " + TriggerMode.TRIGGER.flagName());
    }
    boolean printed = false;
    for (Chosen<?, Output<?>> output : job.enabledOutputs()) {
      if (!output.component().consumesResult()) {
        continue; // alerts: grep has none
      }
      if (!(output.component() instanceof ConsoleOutput)) {
        throw new UsageException(mode + " prints each line as it arrives; the " + output.name()
            + " output writes whole micro-batches, which real-time mode has none of: leave it out");
      }
      printed = true;
    }
    if (!printed) {
      throw new UsageException(ConsoleOutput.NO_PRINT.flagName() + " leaves " + mode
          + " nothing to write: it prints each matching line");
    }
    if (o.isGiven(ConsoleOutput.PRINT_LIMIT.name())) {
      throw new UsageException(ConsoleOutput.PRINT_LIMIT.flagName() + " limits the lines shown"
          + " per batch; " + mode + " prints every line as it arrives: leave it out");
    }
    if (o.isGiven(Options.BATCH.name())) {
      throw new UsageException(Options.BATCH.flagName() + " is the micro-batch interval; " + mode
          + " prints each line as it arrives (" + TriggerMode.REAL_TIME_INTERVAL.flagName()
          + " sets how often it checkpoints): leave it out");
    }
    if (taskSlots(o.master()) == 0) { // not a local master
      throw new UsageException(mode + " prints from Spark's tasks, which share the driver's"
          + " console on a local master only; use --master local[N] (N at least the topics'"
          + " partitions: real-time mode runs one task per partition at once)");
    }
    trigger(o.realTimeIntervalMs()); // this Spark line has real-time mode
  }

  /**
   * Refuses more Kafka partitions than {@code master} runs tasks at once: real-time mode holds a
   * task per partition for the whole batch, so a partition left without a slot is not read.
   */
  static void requireTaskSlots(String master, int partitions, List<String> topics)
      throws UsageException {
    int slots = taskSlots(master);
    if (partitions > slots) {
      throw new UsageException(TriggerMode.TRIGGER.flagName() + " realtime runs one task per Kafka"
          + " partition at once: " + String.join(",", topics) + " has " + partitions
          + " partitions and --master " + master + " runs " + slots + " tasks at once; use"
          + " --master local[" + partitions + "]");
    }
  }

  /** The tasks a local master runs at once, as Spark reads it ({@code local[*]} too); 0 else. */
  private static int taskSlots(String master) {
    return SparkContext$.MODULE$.numDriverCores(master);
  }

  /** Spark's real-time trigger, looked up so that the Spark 3.5 build, which has none, compiles. */
  private static Trigger trigger(long intervalMs) throws UsageException {
    try {
      return (Trigger) Trigger.class.getMethod("RealTime", long.class).invoke(null, intervalMs);
    } catch (ReflectiveOperationException e) {
      throw new UsageException(TriggerMode.TRIGGER.flagName() + " realtime needs Spark 4.1 or later;"
          + " this build runs Spark " + SparkLine.running() + ": leave out WORDCOUNT_SPARK");
    }
  }

  /** The dataflow: kafka -> grep -> each line printed -> start -> await -> stop. */
  static long run(Job job, StructuredJob twins, SparkSession spark, RunState run,
      String checkpoint, CountDownLatch stopRequest) throws Exception {
    Options o = job.options();
    twins.beforeStart(spark);
    StreamInput input = twins.openSource(run, spark);
    LOG.info(input.banner());
    JsonRecords.Skips skips = JsonRecords.skips(spark, job.format(), null);
    Query query = twins.plan(JsonRecords.lines(input, job.format(), skips, null));
    Progress progress = new Progress(input.afterBatch(), skips);
    spark.streams().addListener(progress);
    try {
      StreamingQuery q = query.stream().toDF().writeStream()
          .queryName("dstream-wordcount kafka/grep real-time")
          .outputMode(OutputMode.Update())
          .trigger(trigger(o.realTimeIntervalMs()))
          .option("checkpointLocation", checkpoint)
          .foreach(new PrintedLines())
          .start();
      progress.follow(q.id());
      LOG.info("real-time mode: each matching line is printed as it arrives; progress is"
          + " checkpointed every {}", DurationText.format(o.realTimeIntervalMs()));
      try (GracefulShutdown shutdown = GracefulShutdown.install(stopRequest, STOP_WAIT_MS)) {
        boolean failed = true;
        try {
          StructuredRunner.awaitEnd(q, o, () -> false, progress::batches, stopRequest, run);
          failed = false;
        } finally {
          try {
            q.stop();
          } catch (TimeoutException e) {
            LOG.warn("the query did not stop in time: {}", e.getMessage());
          }
          if (!failed) {
            LOG.info("stopped; the lines printed since the last checkpoint are printed again by"
                + " a restart{}", o.checkpoint() == null ? " of the same group"
                : " with --checkpoint " + o.checkpoint());
          }
        }
      }
      return 0;
    } finally {
      spark.streams().removeListener(progress);
    }
  }

  /** Prints each row's line on its own, the moment the task has it. */
  static final class PrintedLines extends ForeachWriter<Row> {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean open(long partitionId, long epochId) {
      return true;
    }

    @Override
    public void process(Row row) {
      // println is atomic per stream, so lines of two partitions never interleave.
      System.out.println(row.getString(0));
      System.out.flush();
    }

    @Override
    public void close(Throwable error) {}
  }

  /**
   * Each completed real-time batch: its line in the log, and its end offsets committed to the
   * group (every line it read has been printed by then).
   */
  private static final class Progress extends QueryProgressListener {
    private static final Logger BATCHES = LoggerFactory.getLogger("dstream.wordcount.batches");
    private final StreamInput.AfterBatch commit;
    private final JsonRecords.Skips skips;
    private volatile long batches;

    Progress(StreamInput.AfterBatch commit, JsonRecords.Skips skips) {
      this.commit = commit;
      this.skips = skips;
    }

    long batches() {
      return batches;
    }

    @Override
    void onProgress(StreamingQueryProgress p) {
      batches++;
      BATCHES.info("real-time batch {}: {} records{}", p.batchId(), p.numInputRows(), skipped());
      String end = p.sources().length == 0 ? null : p.sources()[0].endOffset();
      if (commit != null && end != null) {
        try {
          commit.done(p.batchId(), end);
        } catch (Exception e) {
          LOG.warn("real-time batch {}: offsets not committed ({})", p.batchId(), e.toString());
        }
      }
    }

    /** ", 2 skipped (not a JSON string)" under --format json, else "". */
    private String skipped() {
      return skips == null ? "" : skips.sinceLast();
    }
  }
}
