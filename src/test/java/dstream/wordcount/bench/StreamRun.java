package dstream.wordcount.bench;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.engine.dstream.GraphBuilder;
import dstream.wordcount.engine.dstream.JobRunner;
import dstream.wordcount.live.RunState;
import dstream.wordcount.run.Job;
import dstream.wordcount.sources.OpenedSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * One timed streaming run on a shared SparkContext: wire a graph onto a fresh streaming context,
 * start it, wait for a number of completed batches, stop it (the SparkContext stays up for the next
 * run), and hand back the batches as the scheduler timed them.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
final class StreamRun {
  private StreamRun() {}

  /** Wires a graph, outputs included, onto {@code ssc}. */
  interface Wiring {
    void wire(JavaStreamingContext ssc) throws Exception;

    /** The run the wired graph's closures look up (a source may have registered in it). */
    default RunState runState() {
      return new RunState();
    }
  }

  /** A source that feeds queued RDDs, one per batch, then empty batches. */
  static final class QueueFeed implements OpenedSource {
    private final List<JavaRDD<String>> batches;

    QueueFeed(List<JavaRDD<String>> batches) {
      this.batches = List.copyOf(batches);
    }

    @Override
    public JavaDStream<String> createStream(JavaStreamingContext ssc) {
      Queue<JavaRDD<String>> queue = Inputs.views(batches);
      return ssc.queueStream(queue, true, ssc.sparkContext().<String>emptyRDD());
    }
  }

  /** The production graph of {@code pipeline} (built by the CLI's own GraphBuilder) on a feed. */
  static final class Production implements Wiring {
    final Job job;
    final OpenedSource source;
    final RunState run;

    /** {@code args}: CLI options of the run; --no-print is added, so the output is a count. */
    Production(String pipeline, OpenedSource source, String... args) throws UsageException {
      this(pipeline, source, new RunState(), args);
    }

    /** As above, for a source opened for {@code run}. */
    Production(String pipeline, OpenedSource source, RunState run, String... args)
        throws UsageException {
      List<String> all = new ArrayList<>(List.of("--pipeline", pipeline, "--no-print"));
      all.addAll(List.of(args));
      this.job = Job.parse(all.toArray(new String[0]), null);
      JobRunner.validate(job);
      this.source = source;
      this.run = run;
    }

    @Override
    public void wire(JavaStreamingContext ssc) {
      GraphBuilder.build(ssc, source, job);
    }

    @Override
    public RunState runState() {
      return run;
    }
  }

  /** Blocks while a started run goes on; returns when the run has what it needs. */
  interface Waiter {
    void await(BatchTimes times) throws Exception;
  }

  /**
   * Runs {@code wiring} with batches of {@code batchMs} until {@code batches} batches completed.
   *
   * @param checkpoint whether the graph needs a checkpoint directory (a fresh temporary one)
   * @throws IllegalStateException when the batches do not complete in time
   */
  static List<BatchTimes.Batch> run(JavaSparkContext sc, long batchMs, boolean checkpoint,
      Wiring wiring, int batches, long timeoutMs) throws Exception {
    return run(sc, batchMs, checkpoint, wiring, false, batches, timeoutMs);
  }

  /**
   * As above; {@code graceful} stops by finishing the batches already generated, for sources that
   * act after each batch (the kafka source commits its offsets) and must not be interrupted.
   */
  static List<BatchTimes.Batch> run(JavaSparkContext sc, long batchMs, boolean checkpoint,
      Wiring wiring, boolean graceful, int batches, long timeoutMs) throws Exception {
    return run(sc, batchMs, checkpoint, wiring, graceful, times -> {
      if (!times.await(batches, timeoutMs)) {
        throw new IllegalStateException("only " + times.batches().size() + " of " + batches
            + " batches completed within " + timeoutMs / 1000 + " s");
      }
    });
  }

  /** Runs {@code wiring} with batches of {@code batchMs} until {@code waiter} returns. */
  static List<BatchTimes.Batch> run(JavaSparkContext sc, long batchMs, boolean checkpoint,
      Wiring wiring, boolean graceful, Waiter waiter) throws Exception {
    JavaStreamingContext ssc = new JavaStreamingContext(sc, Durations.milliseconds(batchMs));
    Path dir = null;
    RunState run = wiring.runState();
    run.bind(sc.sc());
    try {
      if (checkpoint) {
        dir = Files.createTempDirectory("dstream-wordcount-bench-");
        ssc.checkpoint(dir.toString());
      }
      wiring.wire(ssc);
      BatchTimes times = new BatchTimes();
      ssc.addStreamingListener(times);
      for (org.apache.spark.streaming.scheduler.StreamingListener l : run.listeners()) {
        ssc.addStreamingListener(l);
      }
      ssc.start();
      waiter.await(times);
      return times.batches();
    } finally {
      // Usually not graceful: the batches wanted are done; what is queued after them (a backlog
      // of a slow stateful run, say) is not measured and need not be waited for.
      ssc.stop(false, graceful);
      run.close();
      if (dir != null) {
        // A non-graceful stop leaves the jobs of the last batch running on the executors (a state
        // checkpoint being written, say): deleting the directory under them made that write fail
        // with a FileNotFoundException and its stack trace on the bench's console.
        awaitNoActiveJobs(sc, 60_000);
        deleteTree(dir);
      }
    }
  }

  /** Waits, at most {@code timeoutMs}, until {@code sc} runs no job. */
  private static void awaitNoActiveJobs(JavaSparkContext sc, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (sc.statusTracker().getActiveJobIds().length > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
  }

  /** A time limit that scales with the work: each batch gets its interval plus a margin. */
  static long timeoutFor(int batches, long batchMs, long perBatchMarginMs) {
    return 60_000 + batches * (batchMs + perBatchMarginMs);
  }

  static void deleteTree(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      });
    } catch (IOException ignored) {
      // same
    }
  }
}
