package dstream.wordcount.runtime;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.outputs.Output;
import dstream.wordcount.run.RunState;
import dstream.wordcount.sources.OpenSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
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
  private static final long POLL_MS = 100;

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
   */
  public static void run(Job job, ContextFactory contexts) throws Exception {
    run(job, contexts, new CountDownLatch(1));
  }

  /**
   * Runs {@code job} until its natural end or until {@code stopRequest} is released, whichever
   * comes first; either way the stop is graceful. The run's live objects ({@link RunState}) are
   * created here and closed when it ends.
   */
  public static void run(Job job, ContextFactory contexts, CountDownLatch stopRequest)
      throws Exception {
    job.validate();
    Options o = job.options();
    boolean recovering = o.checkpoint() != null && CheckpointedContext.prepare(job);
    Path tempCheckpoint = null;
    try (RunState run = new RunState()) {
      for (Job.Chosen<?, Output<?>> output : job.enabledOutputs()) {
        output.openOutput(o, run);
      }
      try (OpenSource open = job.source().open(o, run)) {
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
        // Long enough for Spark's graceful stop (10 batches) plus the batch in flight.
        long stopWaitMs = Math.max(20_000, 12 * o.batchMs());
        try (GracefulShutdown shutdown = GracefulShutdown.install(stopRequest, stopWaitMs)) {
          ssc.start();
          try {
            awaitEnd(ssc, o, target, listener, stopRequest);
          } finally {
            listener.stopping();
            ssc.stop(contexts.ownsSparkContext(), true);
          }
        }
      }
    } finally {
      if (tempCheckpoint != null) {
        deleteQuietly(tempCheckpoint);
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
      OpenSource open, Path checkpoint) {
    JavaStreamingContext ssc = contexts.create(job.options());
    if (checkpoint != null) {
      ssc.checkpoint(checkpoint.toString());
    }
    GraphBuilder.build(ssc, open, job);
    return ssc;
  }

  /** Removes a temporary checkpoint: nobody can recover from it once the run is over. */
  private static void deleteQuietly(Path dir) {
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("could not remove {}", dir, e);
    }
  }

  private static void awaitEnd(JavaStreamingContext ssc, Options o, long targetBatches,
      BatchListener listener, CountDownLatch stopRequest) throws InterruptedException {
    long deadline = o.durationMs() > 0 ? System.currentTimeMillis() + o.durationMs() : Long.MAX_VALUE;
    while (!ssc.awaitTerminationOrTimeout(POLL_MS)) {
      if (targetBatches >= 0 && listener.completedBatches() >= targetBatches) {
        LOG.info("input exhausted after {} batches; stopping", listener.completedBatches());
        return;
      }
      if (stopRequest.getCount() == 0) {
        LOG.info("stop requested; stopping gracefully");
        return;
      }
      if (System.currentTimeMillis() >= deadline) {
        LOG.info("--duration reached; stopping gracefully");
        return;
      }
    }
  }
}
