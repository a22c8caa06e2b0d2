package dstream.wordcount.runtime;

import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops the streaming context gracefully when the JVM is asked to shut down (Ctrl-C, SIGTERM):
 * the batches already generated finish, their output and checkpoints are written, then the job
 * ends.
 *
 * <p>Spark's own {@code spark.streaming.stopGracefullyOnShutdown} cannot do this in local mode:
 * Spark runs its shutdown hooks in one Hadoop shutdown hook (priority 40) by their own priority,
 * and the local executor's hook (100) stops the executor before the streaming context's hook (51)
 * asks it to finish the batch, which then hangs until Hadoop's 30 s hook timeout and fails. This
 * hook is registered with Hadoop at a higher priority, so it runs before all of Spark's; theirs
 * then find the context stopped.
 */
final class GracefulShutdown implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
  /** Above Spark's hook (Hadoop FileSystem's 10 + 30), so this one runs first. */
  private static final int PRIORITY = 50;

  private final Runnable hook;

  /** Installs the hook for {@code ssc}; {@code onStop} runs first (e.g. to silence listeners). */
  GracefulShutdown(JavaStreamingContext ssc, Runnable onStop, long batchMs) {
    hook = () -> {
      LOG.info("shutdown requested: finishing the batches already generated, then stopping");
      onStop.run();
      ssc.stop(false, true);
    };
    // Spark's graceful stop waits up to 10 batches for the generator, then for the running jobs.
    long timeoutMs = 10 * batchMs + 30_000;
    ShutdownHookManager.get().addShutdownHook(hook, PRIORITY, timeoutMs, TimeUnit.MILLISECONDS);
  }

  /** Removes the hook once the job ended by itself; during a shutdown Hadoop refuses, harmlessly. */
  @Override
  public void close() {
    ShutdownHookManager hooks = ShutdownHookManager.get();
    if (!hooks.isShutdownInProgress()) {
      hooks.removeShutdownHook(hook);
    }
  }
}
