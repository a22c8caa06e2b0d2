package dstream.wordcount.testing;

import dstream.wordcount.engine.dstream.ContextFactory;
import dstream.wordcount.engine.dstream.JobRunner;
import dstream.wordcount.engine.structured.StructuredRunner;
import dstream.wordcount.run.Job;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * A job run by the production {@link JobRunner} on another thread, so a test can feed its source
 * while it runs. The job should carry a {@code --duration}; closing interrupts it, which stops it
 * gracefully, so a failing test leaves nothing running.
 */
public final class BackgroundJob implements AutoCloseable {
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final Future<?> run;

  private BackgroundJob(Job options, ContextFactory contexts) {
    run = thread.submit(() -> {
      JobRunner.run(options, contexts);
      return null;
    });
  }

  public static BackgroundJob start(List<String> args, ContextFactory contexts) throws Exception {
    return new BackgroundJob(Job.parse(args.toArray(new String[0]), null), contexts);
  }

  /**
   * Runs {@code args} on the engine they name ({@code --engine}), on {@code spark}'s one
   * SparkContext.
   */
  public static BackgroundJob start(List<String> args, SharedSpark spark) throws Exception {
    Job job = Job.parse(args.toArray(new String[0]), null);
    return new BackgroundJob(() -> {
      if (job.options().structured()) {
        StructuredRunner.run(job, spark.sessions());
      } else {
        JobRunner.run(job, spark);
      }
    });
  }

  /** A run of a job. */
  @FunctionalInterface
  private interface JobRun {
    void run() throws Exception;
  }

  private BackgroundJob(JobRun job) {
    run = thread.submit(() -> {
      job.run();
      return null;
    });
  }

  /** Waits for the job's end, rethrowing its failure. */
  public void await(long timeoutMs) throws Exception {
    try {
      run.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception ex ? ex : e;
    }
  }

  @Override
  public void close() throws InterruptedException {
    thread.shutdownNow();
    thread.awaitTermination(30, TimeUnit.SECONDS);
  }
}
