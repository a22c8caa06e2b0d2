package dstream.wordcount;

import dstream.wordcount.cli.Help;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.engine.dstream.JobRunner;
import dstream.wordcount.engine.dstream.StreamingContexts;
import dstream.wordcount.engine.structured.SparkSessions;
import dstream.wordcount.engine.structured.StructuredRunner;
import dstream.wordcount.live.RunFailure;
import dstream.wordcount.run.Job;
import dstream.wordcount.run.SparkLine;
import dstream.wordcount.run.StartUpStop;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver behind {@code bin/run-wordcount}: parse, build, run. Exit codes: 0 done, 2 usage or
 * configuration error (one line on stderr; also a {@code --checkpoint} directory another driver
 * holds, naming that driver), 1 runtime failure (one line on stderr, details in the
 * log), 4 stopped with generated batches left unprocessed (normally: {@code --stop-timeout} ran
 * out first). A Ctrl-C, SIGTERM or SIGHUP ends the JVM with the signal's status, 130, 143 or 129,
 * after the same bounded graceful stop; one during start-up ends it with that status too, after
 * one line, {@code stopped during start-up} ({@link StartUpStop}).
 */
public final class Main {
  /** Exit code of a usage or configuration error. */
  public static final int EXIT_USAGE = 2;
  /** Exit code of a runtime failure. */
  public static final int EXIT_FAILURE = 1;
  /** Exit code of a stop that left generated batches unprocessed (--stop-timeout ran out). */
  public static final int EXIT_STOP_TIMEOUT = 4;

  private static final String PROGRAM = "run-wordcount";

  private Main() {}

  public static void main(String[] args) {
    // A thread that dies of an uncaught error (Spark's checkpoint writer on a full disk) says so
    // in one console line, its stack trace in the log file, instead of the JVM's trace on stderr.
    Thread.setDefaultUncaughtExceptionHandler((t, e) -> org.slf4j.LoggerFactory.getLogger(Main.class)
        .error("thread {} died: {}", t.getName(), rootMessage(e), e));
    System.exit(run(args, System.err));
  }

  /** Runs the CLI and returns its exit code. */
  public static int run(String[] args, PrintStream err) {
    // First, before any class of the bundled Kafka connector loads: a jar of another Spark line
    // would otherwise fail with a NoClassDefFoundError somewhere inside Spark.
    String wrongSpark = SparkLine.startRefusal();
    if (wrongSpark != null) {
      err.println(PROGRAM + ": " + wrongSpark);
      return EXIT_USAGE;
    }
    Job job;
    try {
      job = Job.parse(args, defaultConf());
    } catch (UsageException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      return EXIT_USAGE;
    }
    if (job.options().help()) {
      PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
      Help.print(out, Job.components());
      out.println();
      out.println(SparkLine.banner());
      return 0;
    }
    StartUpStop startUp = StartUpStop.install(err, PROGRAM);
    try {
      long unprocessed = job.options().structured()
          ? StructuredRunner.run(job, SparkSessions.INSTANCE)
          : JobRunner.run(job, StreamingContexts.INSTANCE);
      return unprocessed == 0 ? 0 : EXIT_STOP_TIMEOUT;
    } catch (UsageException e) {
      if (!startUp.fired()) {
        err.println(PROGRAM + ": " + e.getMessage());
      }
      return EXIT_USAGE;
    } catch (Exception | Error e) {
      Logger log = LoggerFactory.getLogger(Main.class);
      log.error("job failed", e);
      // A start-up cut short by a signal fails somewhere in Spark; its one line is said already,
      // and the JVM ends with the signal's code whatever is returned here.
      if (!startUp.fired()) {
        err.println(PROGRAM + ": job failed: " + rootMessage(e) + " (details in the log)");
      }
      return EXIT_FAILURE;
    } finally {
      startUp.close();
    }
  }

  /** The conf file the launcher points at, else {@code conf/wordcount.properties} here. */
  private static Path defaultConf() {
    String dir = System.getProperty("wordcount.conf.dir");
    return dir == null ? Path.of(Options.DEFAULT_CONF) : Path.of(dir, "wordcount.properties");
  }

  static String rootMessage(Throwable e) {
    for (Throwable c = e; c != null && c.getCause() != c; c = c.getCause()) {
      if (c instanceof RunFailure) {
        return c.getMessage(); // already one line naming the part, the place and the cause
      }
    }
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m.lines().findFirst().orElse(""));
  }
}
