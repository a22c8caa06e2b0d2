package dstream.wordcount.run;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.util.ShutdownHookManager;

/**
 * Turns Ctrl-C / SIGTERM / SIGHUP into the same graceful stop as {@code --duration}: the running batch
 * finishes and its output is complete.
 *
 * <p>Spark's own {@code spark.streaming.stopGracefullyOnShutdown} cannot do this in local mode:
 * its hook runs after the local executor's shutdown hook has already stopped the executor, so the
 * last batch never finishes and the JVM hangs until Hadoop's 30 s hook timeout. This hook is
 * registered with Hadoop's hook manager at a priority above all of Spark's hooks, so it runs
 * first, asks the runner to stop, and waits for that stop to complete.
 */
public final class GracefulShutdown implements AutoCloseable {
  /** Above Spark's single Hadoop hook (FileSystem priority 10 + 30), so it runs before it. */
  private static final int PRIORITY = 100;

  private final Runnable hook;
  private final CountDownLatch stopped = new CountDownLatch(1);

  private GracefulShutdown(CountDownLatch stopRequest, long waitMs) {
    this.hook = () -> {
      stopRequest.countDown();
      try {
        stopped.await(waitMs, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
  }

  /** Installs the hook; {@code waitMs} bounds how long shutdown waits for the graceful stop. */
  public static GracefulShutdown install(CountDownLatch stopRequest, long waitMs) {
    GracefulShutdown g = new GracefulShutdown(stopRequest, waitMs);
    ShutdownHookManager.get().addShutdownHook(g.hook, PRIORITY, waitMs + 5_000, TimeUnit.MILLISECONDS);
    StartUpStop.handOver();
    return g;
  }

  /** Marks the stop as done, releasing a waiting hook, and removes the hook if still possible. */
  @Override
  public void close() {
    stopped.countDown();
    ShutdownHookManager manager = ShutdownHookManager.get();
    if (!manager.isShutdownInProgress()) {
      manager.removeShutdownHook(hook);
    }
  }
}
