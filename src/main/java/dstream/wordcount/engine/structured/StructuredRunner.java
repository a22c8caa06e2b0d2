package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.fs.LocalDirs;
import dstream.wordcount.live.RunState;
import dstream.wordcount.live.SettingsDigest;
import dstream.wordcount.outputs.BatchSink;
import dstream.wordcount.outputs.Output;
import dstream.wordcount.results.ResultKind;
import dstream.wordcount.run.CheckpointClaim;
import dstream.wordcount.run.Chosen;
import dstream.wordcount.run.GracefulShutdown;
import dstream.wordcount.run.Job;
import dstream.wordcount.run.RunEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job on the Structured Streaming engine ({@code --engine structured}): source, pipeline
 * and outputs as one query with a {@code --batch} processing-time trigger, whose
 * {@code foreachBatch} writes every output; then start, wait, and a bounded graceful stop, with
 * the same end conditions, last line and exit codes as the DStream engine. Under
 * {@code --trigger realtime} the query is {@link RealTimeRun}'s instead.
 */
public final class StructuredRunner {
  private static final Logger LOG = LoggerFactory.getLogger(StructuredRunner.class);
  /** What a stop takes besides the last micro-batch: the query's and the session's own stop. */
  private static final long STOP_MARGIN_MS = 30_000;
  /** How long a stop waits for the batch lines of micro-batches that completed. */
  private static final long REPORT_WAIT_MS = 2_000;

  private StructuredRunner() {}

  /** Runs {@code job} to its end; see {@link #run(Job, SessionFactory, CountDownLatch)}. */
  public static long run(Job job, SessionFactory sessions) throws Exception {
    return run(job, sessions, new CountDownLatch(1));
  }

  /**
   * Runs {@code job} until its natural end or until {@code stopRequest} is released.
   *
   * @return the micro-batches the stop left unprocessed: 0, or 1 when {@code --stop-timeout} cut
   *     the running one off
   */
  public static long run(Job job, SessionFactory sessions, CountDownLatch stopRequest)
      throws Exception {
    StructuredJob twins = StructuredJob.of(job);
    job.validate();
    twins.validate();
    Options o = job.options();
    if (o.realTime()) {
      RealTimeRun.validate(job);
    }
    LOG.info("engine: structured (Structured Streaming), {} -> {}", job.source().name(),
        job.pipeline().name());
    boolean given = o.checkpoint() != null;
    String checkpoint = given ? o.checkpoint()
        : Files.createTempDirectory("dstream-wordcount-query-").toString();
    try (RunState run = new RunState()) {
      run.put(SettingsDigest.class, job.settingsDigest());
      // Locked for the run first: a second driver on DIR is refused before it touches anything.
      if (given && CheckpointClaim.claim(job, twins.notRecoverable(), run)) {
        LOG.info("recovered the job from checkpoint {}: the query resumes after its last"
            + " committed micro-batch, running an unfinished one again first", o.checkpoint());
      } else if (given) {
        LOG.info("checkpointing to {}; a restart with --checkpoint {} and the same settings"
            + " recovers the job", o.checkpoint(), o.checkpoint());
      }
      for (Chosen<?, Output<?>> output : job.enabledOutputs()) {
        output.openOutput(o, run);
      }
      SparkSession spark = sessions.create(o);
      try {
        run.bind(spark.sparkContext());
        SessionSettings.apply(spark, o);
        if (o.realTime()) {
          return RealTimeRun.run(job, twins, spark, run, checkpoint, stopRequest);
        }
        return runQuery(job, twins, spark, run, checkpoint, stopRequest);
      } finally {
        if (sessions.ownsSession()) {
          spark.stop();
        }
      }
    } finally {
      if (!given) {
        LocalDirs.deleteQuietly(Path.of(checkpoint));
      }
    }
  }

  /** The dataflow: source -> pipeline -> outputs -> start -> await -> stop. */
  private static long runQuery(Job job, StructuredJob twins, SparkSession spark, RunState run,
      String checkpoint, CountDownLatch stopRequest) throws Exception {
    Options o = job.options();
    twins.beforeStart(spark);
    StreamInput input = twins.openSource(run, spark);
    if (input.banner() != null) {
      LOG.info(input.banner());
    }
    JsonRecords.Skips skips = JsonRecords.skips(spark, job.format(), o.eventTime());
    StreamLines lines = JsonRecords.lines(input, job.format(), skips, o.eventTime());
    Query query = twins.plan(lines);
    ResultKind kind = job.pipeline().component().resultKind();
    BatchWriter writer = new BatchWriter(query, kind, o.batchMs() / 1000.0, sinks(job, kind),
        consumers(job), input, new BatchTimes(checkpoint, spark.sparkContext().hadoopConfiguration()),
        lines.lateRows());
    ProgressLog progress = new ProgressLog(writer, o.batchMs(), skips, run, o.eventTime() != null);
    spark.streams().addListener(progress);
    try {
      StreamingQuery q = query.stream().toDF().writeStream()
          .queryName("dstream-wordcount " + job.source().name() + "/" + job.pipeline().name())
          .outputMode(query.mode())
          .trigger(Trigger.ProcessingTime(o.batchMs()))
          .option("checkpointLocation", checkpoint)
          .foreachBatch(writer)
          .start();
      progress.follow(q.id());
      writer.follow(q);
      // A finite source's last input batch, then as many as the pipeline needs after it.
      long target = input.endOffset() == null ? -1
          : input.finiteBatches() == 0 ? 0 : 1 + twins.batchesAfterInput(o);
      long stopWaitMs = o.stopTimeoutMs() + STOP_MARGIN_MS + 2 * o.batchMs();
      try (GracefulShutdown shutdown = GracefulShutdown.install(stopRequest, stopWaitMs)) {
        long unprocessed;
        boolean failed = true;
        try {
          awaitEnd(q, o, () -> target == 0
              || (target > 0 && writer.batchesFromEnd() >= target),
              writer::completedBatches, stopRequest, run);
          failed = false;
        } finally {
          unprocessed = stop(q, writer, o.stopTimeoutMs());
          if (!failed) { // a failed query's own error is the run's last line
            RunEnd.logStop(LOG, unprocessed, true, o);
          }
        }
        return unprocessed;
      }
    } finally {
      progress.awaitReported(writer.completedBatches(), REPORT_WAIT_MS);
      spark.streams().removeListener(progress);
    }
  }

  /** Every enabled output's sink for the result kind, in registry order. */
  private static List<BatchSink> sinks(Job job, ResultKind kind) {
    List<BatchSink> sinks = new ArrayList<>();
    for (Chosen<?, Output<?>> output : job.enabledOutputs()) {
      sinks.add(output.sink(kind, job.options()));
    }
    return sinks;
  }

  /** How many enabled outputs read the result itself (not only its alerts). */
  private static int consumers(Job job) {
    int n = 0;
    for (Chosen<?, Output<?>> output : job.enabledOutputs()) {
      if (output.component().consumesResult()) {
        n++;
      }
    }
    return n;
  }

  /** Whether {@code q} has ended, after a short wait; its failure, told as {@code end} tells it. */
  private static boolean terminated(StreamingQuery q, RunEnd end) throws Exception {
    try {
      return q.awaitTermination(RunEnd.POLL_MS);
    } catch (Exception e) {
      throw end.failure(e);
    }
  }

  /**
   * Waits until {@code q} fails (thrown) or the run reaches its end ({@link RunEnd}; a finite
   * input is done when {@code inputDone} says so), saying why it stops.
   */
  static void awaitEnd(StreamingQuery q, Options o, BooleanSupplier inputDone,
      LongSupplier batches, CountDownLatch stopRequest, RunState run) throws Exception {
    RunEnd end = new RunEnd(o, stopRequest, run);
    // awaitTermination throws the query's failure (a failed output, a lost source).
    while (!terminated(q, end)) {
      String why = end.reached(inputDone, batches.getAsLong());
      if (why != null) {
        LOG.info(why);
        return;
      }
    }
  }

  /**
   * Lets the micro-batch whose outputs are being written when the stop comes finish, for at most
   * {@code timeoutMs}, then stops the query: the input stops at once, as on the DStream engine (a
   * micro-batch still being planned is dropped; a restart on the same checkpoint runs it).
   * Returns 1 when the batch being written was cut off, else 0.
   */
  static long stop(StreamingQuery q, BatchWriter writer, long timeoutMs)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (q.isActive() && writer.writing() && System.currentTimeMillis() < deadline) {
      Thread.sleep(10);
    }
    boolean cutOff = q.isActive() && writer.writing();
    try {
      q.stop();
    } catch (TimeoutException e) {
      LOG.warn("the query did not stop in time: {}", e.getMessage());
      return 1;
    }
    return cutOff ? 1 : 0;
  }

}
