package dstream.wordcount.engine.dstream;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.run.CheckpointClaim;
import dstream.wordcount.run.Job;
import dstream.wordcount.run.SparkConfs;
import dstream.wordcount.sources.OpenedSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.function.Function0;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The context of a job run with {@code --checkpoint DIR}: created by a factory that builds the
 * whole graph, outputs included, the first time, and recovered from DIR by
 * {@code JavaStreamingContext.getOrCreate} on every restart, with its state and the batches that
 * were pending or missed while the driver was down.
 *
 * <p>Before that, the run claims DIR ({@link CheckpointClaim}: locked, its settings record checked),
 * and a {@code replay} job (queueStream) is refused a DIR that holds anything.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class CheckpointedContext {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointedContext.class);
  /**
   * Settings Spark takes from the restarted driver's system properties rather than from the
   * checkpoint (Checkpoint.createSparkConf), so {@code --master} and {@code --ui-port} still apply.
   */
  private static final String[] RELOADED = {"spark.master", "spark.ui.port"};

  private CheckpointedContext() {}

  /** {@link CheckpointClaim#prepare} for a DStream job. */
  static boolean prepare(Job job) throws UsageException {
    return CheckpointClaim.prepare(job, notRecoverable(job));
  }

  private static String notRecoverable(Job job) {
    return job.source().recoverable() ? null : "Spark's queueStream is not checkpointable";
  }

  /** {@link CheckpointClaim#claim} for a DStream job. */
  static boolean claim(Job job, RunState run) throws UsageException {
    return CheckpointClaim.claim(job, notRecoverable(job), run);
  }

  /**
   * Recovers the job from DIR, or creates it there. {@code recovering} is what {@link #prepare}
   * found.
   */
  static JavaStreamingContext getOrCreate(Job job, ContextFactory contexts, OpenedSource source,
      boolean recovering) throws Exception {
    Options o = job.options();
    String dir = o.checkpoint();
    AtomicBoolean created = new AtomicBoolean();
    Function0<JavaStreamingContext> factory = () -> {
      created.set(true);
      JavaStreamingContext ssc = contexts.create(o);
      ssc.checkpoint(dir);
      GraphBuilder.build(ssc, source, job);
      return ssc;
    };
    Map<String, String> saved = recovering ? reloadFromOptions(o) : Map.of();
    JavaStreamingContext ssc;
    try {
      ssc = JavaStreamingContext.getOrCreate(dir, factory);
    } catch (Exception e) { // SparkException is checked, though Scala does not declare it
      if (created.get()) {
        throw e;
      }
      LOG.error("cannot recover from checkpoint {}", dir, e);
      throw new IllegalStateException("cannot recover the job from --checkpoint " + dir + " ("
          + e.getMessage() + "); pass a new --checkpoint directory to start afresh");
    } finally {
      restore(saved);
    }
    if (created.get()) {
      LOG.info("checkpointing to {}; a restart with --checkpoint {} and the same settings "
          + "recovers the job", dir, dir);
    } else {
      LOG.info("recovered the job from checkpoint {}: pending and missed batches run first", dir);
    }
    return ssc;
  }

  /** Sets the reloaded Spark settings from the options; returns the previous values. */
  private static Map<String, String> reloadFromOptions(Options o) {
    Map<String, String> previous = new LinkedHashMap<>();
    for (String key : RELOADED) {
      previous.put(key, System.getProperty(key));
    }
    SparkConf now = SparkConfs.sparkConf(o);
    for (String key : RELOADED) {
      System.setProperty(key, now.get(key));
    }
    return previous;
  }

  private static void restore(Map<String, String> previous) {
    previous.forEach((key, value) -> {
      if (value == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, value);
      }
    });
  }
}
