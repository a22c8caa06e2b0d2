package dstream.wordcount.core;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A task run every so often on a daemon thread of its own (a watch, a lease renewal, a retry): a
 * daemon, so a driver whose run ended never waits for it; named, so a thread dump says what it is.
 */
public final class Periodic {
  private Periodic() {}

  /**
   * Runs {@code task} after {@code delayMs}, then {@code periodMs} after each run ends, until the
   * returned executor is shut down.
   */
  public static ScheduledExecutorService start(String threadName, long delayMs, long periodMs,
      Runnable task) {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    executor.scheduleWithFixedDelay(task, delayMs, periodMs, TimeUnit.MILLISECONDS);
    return executor;
  }
}
