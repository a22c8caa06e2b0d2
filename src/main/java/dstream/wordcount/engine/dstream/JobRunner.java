package dstream.wordcount.engine.dstream;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.fs.LocalDirs;
import dstream.wordcount.live.RunState;
import dstream.wordcount.live.SettingsDigest;
import dstream.wordcount.outputs.Output;
import dstream.wordcount.run.Chosen;
import dstream.wordcount.run.GracefulShutdown;
import dstream.wordcount.run.Job;
import dstream.wordcount.run.RunEnd;
import dstream.wordcount.sources.OpenedSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Runs a job: checks the options against the chosen source, pipeline and outputs, opens the
 * outputs and the source for this run, creates or recovers the context, starts it, and stops it gracefully when the duration is up, a finite
 * source is exhausted, or the JVM is asked to shut down.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  /** What a stop takes besides processing: receivers (Spark waits up to 10 s), SparkContext. */
  private static final long STOP_MARGIN_MS = 30_000;

  private JobRunner() {}

  /** Checks everything a user can get wrong before any Spark work starts. */
  public static void validate(Job job) throws UsageException {
    job.validate();
  }

  /**
   * Runs {@code job} to its end.
   *
   * @throws UsageException for problems the user can fix by changing options
   * @throws Exception when the job fails at run time
   * @return the number of generated batches the stop left unprocessed (0 normally)
   */
  public static long run(Job job, ContextFactory contexts) throws Exception {
    return run(job, contexts, new CountDownLatch(1));
  }

  /**
   * Runs {@code job} until its natural end or until {@code stopRequest} is released, whichever
   * comes first; either way the stop is graceful and bounded by {@code --stop-timeout}
   * ({@link BoundedStop}), and ends with one line saying how many generated batches were not
   * processed. The run's live objects ({@link RunState}) are created here and closed when it ends.
   *
   * @return the number of generated batches the stop left unprocessed (0 normally)
   */
  public static long run(Job job, ContextFactory contexts, CountDownLatch stopRequest)
      throws Exception {
    job.validate();
    Options o = job.options();
    LOG.info("engine: dstream (Spark Streaming DStreams), {} -> {}", job.source().name(),
        job.pipeline().name());
    Path tempCheckpoint = null;
    try (RunState run = new RunState()) {
      run.put(SettingsDigest.class, job.settingsDigest());
      // Locked for the run first: a second driver on DIR is refused before it touches anything.
      boolean recovering = o.checkpoint() != null && CheckpointedContext.claim(job, run);
      for (Chosen<?, Output<?>> output : job.enabledOutputs()) {
        output.openOutput(o, run);
      }
      try (OpenedSource open = job.source().open(o, run)) {
        if (open.banner() != null) {
          LOG.info(open.banner());
        }
        JavaStreamingContext ssc;
        if (o.checkpoint() != null) {
          ssc = CheckpointedContext.getOrCreate(job, contexts, open, recovering);
        } else {
          if (job.pipeline().needsCheckpoint()) {
            tempCheckpoint = Files.createTempDirectory("dstream-wordcount-checkpoint-");
            LOG.info("{} keeps state: checkpointing to temporary directory {}, removed at the end "
                + "(pass --checkpoint DIR to make the job recoverable)", job.pipeline().name(),
                tempCheckpoint);
          }
          ssc = createContext(job, contexts, open, tempCheckpoint);
        }
        run.bind(ssc.sparkContext().sc());
        // Some settings can only be checked on the live context (sql's query, in a session of
        // it); a refusal stops the context before it ever ran, so the run ends as a usage error.
        try {
          job.pipeline().beforeStart(o, ssc);
        } catch (UsageException e) {
          ssc.stop(contexts.ownsSparkContext(), false);
          throw e;
        }
        announceUi(ssc);
        // Listeners are not part of a checkpoint: added after creation and after recovery alike.
        BatchListener listener = new BatchListener(job.source().name(), open.receiverHint(), o.batchMs());
        listener.countSkipsOf(run);
        ssc.addStreamingListener(listener);
        for (StreamingListener l : run.listeners()) {
          ssc.addStreamingListener(l);
        }
        long target = open.finiteBatches() < 0
            ? -1 : open.finiteBatches() + job.pipeline().batchesAfterInput(o);
        // A Ctrl-C waits for the whole bounded stop: stopping the receivers (Spark allows them
        // 10 s), --stop-timeout of processing, then the SparkContext's own stop.
        long stopWaitMs = o.stopTimeoutMs() + STOP_MARGIN_MS + 2 * o.batchMs();
        long unprocessed;
        try (GracefulShutdown shutdown = GracefulShutdown.install(stopRequest, stopWaitMs)) {
          ssc.start();
          boolean failed = true;
          try {
            awaitEnd(ssc, o, target, listener, stopRequest, run);
            failed = false;
          } finally {
            listener.stopping();
            if (failed) {
              // A failed output ends the run at once: the batches behind it would fail the same
              // way, each with its own errors, for up to --stop-timeout. Their input stays
              // unprocessed (with a checkpoint, a restart processes them).
              BoundedStop.stopNow(ssc, contexts.ownsSparkContext());
              unprocessed = -1;
            } else {
              BoundedStop.Outcome stop =
                  BoundedStop.stop(ssc, contexts.ownsSparkContext(), o.stopTimeoutMs());
              unprocessed = stop.unprocessed();
              // Before the shutdown hook is released: after a Ctrl-C the JVM ends right after it.
              RunEnd.logStop(LOG, unprocessed, stop.cutOff(), o);
            }
          }
        }
        return unprocessed;
      }
    } finally {
      if (tempCheckpoint != null) {
        LocalDirs.deleteQuietly(tempCheckpoint);
      }
    }
  }

  /** Says where the Spark web UI (and its Streaming tab) is; silent when spark.ui.enabled=false. */
  private static void announceUi(JavaStreamingContext ssc) {
    Option<String> url = ssc.sparkContext().sc().uiWebUrl();
    if (url.isDefined()) {
      LOG.info("Spark UI: {} (Streaming tab: {}/streaming/)", url.get(), url.get());
    }
  }

  private static JavaStreamingContext createContext(Job job, ContextFactory contexts,
      OpenedSource open, Path checkpoint) {
    JavaStreamingContext ssc = contexts.create(job.options());
    if (checkpoint != null) {
      ssc.checkpoint(checkpoint.toString());
    }
    GraphBuilder.build(ssc, open, job);
    return ssc;
  }

  /** Whether {@code ssc} has ended, after a short wait; its error, told as {@code end} tells it. */
  private static boolean terminated(JavaStreamingContext ssc, RunEnd end) throws Exception {
    try {
      return ssc.awaitTerminationOrTimeout(RunEnd.POLL_MS);
    } catch (Exception e) { // Spark rethrows a failed job's SparkException, a checked one
      throw end.failure(e);
    }
  }

  private static void awaitEnd(JavaStreamingContext ssc, Options o, long targetBatches,
      BatchListener listener, CountDownLatch stopRequest, RunState run) throws Exception {
    RunEnd end = new RunEnd(o, stopRequest, run);
    while (!terminated(ssc, end)) {
      String why = end.reached(
          () -> targetBatches >= 0 && listener.completedBatches() >= targetBatches,
          listener.completedBatches());
      if (why != null) {
        LOG.info(why);
        return;
      }
    }
  }

}
