package dstream.wordcount.run;

import java.io.PrintStream;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;

/**
 * A stop (Ctrl-C, SIGTERM, SIGHUP) that comes while the job is still starting, before
 * {@link GracefulShutdown} takes over: it ends with one line, {@code stopped during start-up}, and
 * the signal's exit code (the JVM's own, 128 + the signal), instead of whatever Spark says when
 * its start is cut short. A SIGINT two seconds after the start used to print {@code ERROR
 * SparkContext: Error initializing SparkContext.} (the context cannot register its shutdown hook
 * once the JVM is shutting down), then the driver's "job failed" line.
 *
 * <p>The hook runs before every other (Hadoop's hook manager, above {@link GracefulShutdown} and
 * Spark), prints the line and takes the console appender off every logger, so nothing logged by
 * the interrupted start-up reaches the console; the log file keeps it all. {@link
 * GracefulShutdown#install} hands the stop over: from then on a signal is a graceful stop.
 */
public final class StartUpStop implements AutoCloseable {
  /** Above {@link GracefulShutdown}'s 100: the first hook to run. */
  private static final int PRIORITY = 110;
  private static volatile StartUpStop current;

  private final Runnable hook = this::onShutdown;
  private final PrintStream err;
  private final String program;
  private volatile boolean handedOver;
  private volatile boolean fired;

  private StartUpStop(PrintStream err, String program) {
    this.err = err;
    this.program = program;
  }

  /** Installs the guard of this run's start-up; its line goes to {@code err}. */
  public static StartUpStop install(PrintStream err, String program) {
    StartUpStop s = new StartUpStop(err, program);
    current = s;
    ShutdownHookManager.get().addShutdownHook(s.hook, PRIORITY);
    return s;
  }

  /** The job has started its graceful-stop hook: a signal from now on is that stop's. */
  static void handOver() {
    StartUpStop s = current;
    if (s != null) {
      s.handedOver = true;
    }
  }

  /** True once a signal stopped the start-up: the line is printed, nothing more is to be said. */
  public boolean fired() {
    return fired;
  }

  /**
   * The run is over (the exit that follows is no signal's): the hook is disarmed and removed, so
   * it says nothing at {@code System.exit}.
   */
  @Override
  public void close() {
    handedOver = true;
    if (current == this) {
      current = null;
    }
    ShutdownHookManager manager = ShutdownHookManager.get();
    if (!manager.isShutdownInProgress()) {
      manager.removeShutdownHook(hook);
    }
  }

  private synchronized void onShutdown() {
    if (handedOver || fired) {
      return;
    }
    fired = true;
    quietConsole();
    err.println(program + ": stopped during start-up; nothing was processed");
    err.flush();
  }

  /** Takes the console appender off every logger; the file appender stays. */
  private static void quietConsole() {
    if (!(LogManager.getContext(false) instanceof LoggerContext ctx)) {
      return;
    }
    Configuration conf = ctx.getConfiguration();
    for (LoggerConfig logger : conf.getLoggers().values()) {
      logger.removeAppender("console");
    }
    conf.getRootLogger().removeAppender("console");
    ctx.updateLoggers();
  }
}
