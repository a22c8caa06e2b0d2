package dstream.wordcount.run;

import dstream.wordcount.cli.Options;
import dstream.wordcount.core.StopReport;
import dstream.wordcount.live.RunFailure;
import dstream.wordcount.live.RunState;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/**
 * When a run ends, on either engine: a finite source's input is done, a stop was requested
 * (Ctrl-C, SIGTERM, a test), or {@code --duration} is up; whichever comes first. A part that
 * failed the run ({@link RunState#fail}) ends it at once, as a failure.
 */
public final class RunEnd {
  /** How often a waiting runner looks. */
  public static final long POLL_MS = 100;

  private final long deadline;
  private final CountDownLatch stopRequest;
  private final RunState run;

  /** The end of {@code run} with {@code o}, which started now. */
  public RunEnd(Options o, CountDownLatch stopRequest, RunState run) {
    this.deadline = o.durationMs() > 0 ? System.currentTimeMillis() + o.durationMs() : Long.MAX_VALUE;
    this.stopRequest = stopRequest;
    this.run = run;
  }

  /**
   * Null while the run goes on, else the line saying why it stops; {@code inputDone} says
   * whether a finite source has been processed with everything that depends on it.
   *
   * @throws RunFailure when a part of the run failed it
   */
  public String reached(BooleanSupplier inputDone, long batches) {
    if (run.failure() != null) {
      throw new RunFailure(run.failure());
    }
    if (inputDone.getAsBoolean()) {
      return "input exhausted after " + batches + " batches; stopping";
    }
    if (stopRequest.getCount() == 0) {
      return "stop requested; stopping gracefully";
    }
    if (System.currentTimeMillis() >= deadline) {
      return "--duration reached; stopping gracefully";
    }
    return null;
  }

  /**
   * What ended the run, when the engine reports {@code e}: the failure a part of the run said
   * ({@link RunState#fail}) wins over the error Spark saw from it (a woken consumer, a query
   * stopped under a deleted topic), and so does what a part finds when asked (a full checkpoint
   * directory behind a bare "No space left on device").
   */
  public Exception failure(Exception e) {
    String line = run.failureOrDiagnosis(e);
    return line != null ? new RunFailure(line, e) : e;
  }

  /**
   * Logs the run's last line ({@link StopReport}): INFO when every generated batch was processed,
   * WARN when {@code unprocessed} were not (cut off by {@code --stop-timeout} when
   * {@code cutOff}, else their output failed).
   */
  public static void logStop(org.slf4j.Logger log, long unprocessed, boolean cutOff, Options o) {
    String line = StopReport.line(unprocessed, cutOff, o.stopTimeoutMs(), o.checkpoint() != null);
    if (unprocessed == 0) {
      log.info(line);
    } else {
      log.warn(line);
    }
  }
}
