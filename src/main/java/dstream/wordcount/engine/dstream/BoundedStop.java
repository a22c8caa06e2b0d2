package dstream.wordcount.engine.dstream;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.StreamingContext;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.scheduler.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A graceful stop that ends within {@code --stop-timeout}: the input stops at once, the batches
 * already generated are processed for at most that long, and those still left are dropped and
 * counted.
 *
 * <p>Spark's own graceful stop ({@code StreamingContext.stop(_, true)}) does the first part: it
 * stops the receivers, lets the generator allocate what they had received, stops the batch timer
 * (a direct Kafka stream generates its last batch within two intervals), then waits for the
 * generated batches, up to {@code spark.streaming.gracefulStopTimeout}. That bound is set here, to
 * {@code --stop-timeout}, on the live conf (a recovered context's conf comes from the checkpoint,
 * with the first run's value). What Spark does not bound is the next step: its job scheduler then
 * waits up to an hour for every job still queued (JobScheduler.stop: {@code awaitTermination(1,
 * HOURS)}). Under a flood that is minutes of backlog, and a Ctrl-C meanwhile ends in a cascade of
 * shutdown-hook time-outs. So once the timeout is over and the scheduler is in that wait, the
 * queued jobs are removed from its executor (they never start) and the Spark jobs of the one in
 * progress are cancelled; the scheduler's batches that never completed are then exactly the
 * generated batches not processed ({@code JobScheduler.getPendingTimes}, also what a checkpoint
 * records as pending).
 *
 * <p>The job executor is a private field of Spark's JobScheduler, reached by reflection: the
 * DStream scheduler is frozen (deprecated since 3.4), the field is the same in 3.5 and 4.2, and
 * the stop tests run on both lines. Without it (another Spark), the stop is Spark's unbounded one,
 * said once in the log.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
final class BoundedStop {
  private static final Logger LOG = LoggerFactory.getLogger(BoundedStop.class);
  /** Spark's bound on the graceful stop's wait for the generated batches. */
  static final String GRACEFUL_STOP_TIMEOUT = "spark.streaming.gracefulStopTimeout";
  private static final long POLL_MS = 100;
  private static final long CANCEL_EVERY_MS = 200;

  private BoundedStop() {}

  /**
   * How a stop ended: the generated batches that were not processed, and whether the timeout cut
   * the processing short (otherwise they are batches whose output failed).
   */
  record Outcome(long unprocessed, boolean cutOff) {}

  /**
   * Stops {@code ssc} gracefully within {@code timeoutMs} of processing, then its SparkContext
   * when {@code stopSparkContext}.
   *
   * @return the generated batches that were not processed, and whether the timeout cut them off
   */
  static Outcome stop(JavaStreamingContext ssc, boolean stopSparkContext, long timeoutMs) {
    StreamingContext context = ssc.ssc();
    JobScheduler scheduler = context.scheduler();
    context.conf().set(GRACEFUL_STOP_TIMEOUT, timeoutMs + "ms");
    ThreadPoolExecutor jobs = jobExecutor(scheduler);
    AtomicBoolean cut = new AtomicBoolean();
    Thread cutter = null;
    if (jobs != null) {
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
      JavaSparkContext sc = ssc.sparkContext();
      cutter = new Thread(() -> cutOffAfter(deadline, jobs, sc, cut), "stop-timeout");
      cutter.setDaemon(true);
      cutter.start();
    }
    long unprocessed;
    try {
      ssc.stop(false, true);
    } finally {
      if (cutter != null) {
        cutter.interrupt();
      }
      unprocessed = scheduler.getPendingTimes().size();
      if (stopSparkContext) {
        ssc.sparkContext().stop();
      }
    }
    return new Outcome(unprocessed, cut.get());
  }

  /** Stops {@code ssc} without processing what is queued, then its SparkContext if asked. */
  static void stopNow(JavaStreamingContext ssc, boolean stopSparkContext) {
    try {
      ssc.stop(false, false);
    } finally {
      if (stopSparkContext) {
        ssc.sparkContext().stop();
      }
    }
  }

  /**
   * Waits for the deadline and for Spark's scheduler to be in its wait for the queued jobs (its
   * executor shut down: the generator has stopped, by then or by its own timeout), then drops
   * the queue and cancels what runs until the executor is done.
   */
  private static void cutOffAfter(long deadline, ThreadPoolExecutor jobs, JavaSparkContext sc,
      AtomicBoolean cut) {
    try {
      while (System.nanoTime() < deadline || !jobs.isShutdown()) {
        if (jobs.isTerminated()) {
          return; // everything was processed in time
        }
        Thread.sleep(POLL_MS);
      }
      List<Runnable> dropped = new ArrayList<>();
      jobs.getQueue().drainTo(dropped);
      if (dropped.isEmpty() && jobs.getActiveCount() == 0) {
        return;
      }
      cut.set(true);
      LOG.info("--stop-timeout is over: dropping {} queued output jobs, cancelling the one in progress",
          dropped.size());
      do {
        // Repeated: an output operation may start another Spark job after the first is cancelled.
        sc.cancelAllJobs();
      } while (!jobs.awaitTermination(CANCEL_EVERY_MS, TimeUnit.MILLISECONDS));
    } catch (InterruptedException e) {
      // the stop is over
    }
  }

  /** Spark's streaming job executor, or null when this Spark has none by that name. */
  private static ThreadPoolExecutor jobExecutor(JobScheduler scheduler) {
    try {
      Field f = JobScheduler.class.getDeclaredField("jobExecutor");
      f.setAccessible(true);
      return (ThreadPoolExecutor) f.get(scheduler);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("this Spark's job scheduler has no jobExecutor ({}): a stop waits for every "
          + "queued batch, as Spark does, instead of ending within --stop-timeout", e.toString());
      return null;
    }
  }
}
