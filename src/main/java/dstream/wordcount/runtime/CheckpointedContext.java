package dstream.wordcount.runtime;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.CheckpointSettings;
import dstream.wordcount.fs.AbandonedFiles;
import dstream.wordcount.fs.CheckpointLock;
import dstream.wordcount.fs.HadoopPaths;
import dstream.wordcount.run.RunState;
import dstream.wordcount.sources.OpenSource;
import java.io.IOException;
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
 * <p>Spark recovers the graph it serialized and ignores what the restarted driver was asked to
 * do, so before that DIR is checked against this run ({@link #prepare}): the graph settings are
 * recorded in {@code DIR/}{@value CheckpointSettings#FILE_NAME} when DIR holds no checkpoint yet,
 * and compared with it when it does; a difference, a checkpoint of another build, or a
 * job on a source that cannot be recovered ({@code replay}: queueStream) is a usage error naming
 * the way out. Reading and writing the record is {@link SettingsRecordFile}. Both runners
 * {@link #claim} DIR first, which locks it for the run ({@link CheckpointLock}): one driver per
 * checkpoint directory.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class CheckpointedContext {
  private static final Logger LOG = LoggerFactory.getLogger(CheckpointedContext.class);
  private static final String CHECKPOINT = Options.CHECKPOINT.name();
  /**
   * Settings Spark takes from the restarted driver's system properties rather than from the
   * checkpoint (Checkpoint.createSparkConf), so {@code --master} and {@code --ui-port} still apply.
   */
  private static final String[] RELOADED = {"spark.master", "spark.ui.port"};

  /** HDFS closes an abandoned file within a few heartbeats; far more means something else is wrong. */
  private static final long LEASE_RECOVERY_MS = 120_000;

  private CheckpointedContext() {}

  /** The Spark version, part of what makes a checkpoint readable. */
  static String sparkVersion() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  /**
   * Checks DIR against this run and records the settings when DIR holds no checkpoint yet.
   *
   * @return true when DIR holds a checkpoint to recover
   * @throws UsageException when this run must not use DIR
   */
  static boolean prepare(Job job) throws UsageException {
    return prepare(job, notRecoverable(job));
  }

  private static String notRecoverable(Job job) {
    return job.source().recoverable() ? null : "Spark's queueStream is not checkpointable";
  }

  /**
   * Locks DIR for this run, then {@link #prepare(Job, String) prepares} it: a second driver on
   * the same DIR is refused in one line naming the first ({@link CheckpointLock}), before it
   * reads or writes anything there. The lock is released when {@code run} closes, or by the
   * death of this process.
   *
   * @return true when DIR holds a checkpoint to recover
   * @throws UsageException when another driver holds DIR, or this run must not use it
   */
  public static boolean claim(Job job, String notRecoverable, RunState run)
      throws UsageException {
    String dir = job.options().checkpoint();
    HadoopPaths.writableDirectory(CHECKPOINT, dir, job.options().sparkConf());
    CheckpointLock lock = CheckpointLock.acquire(CHECKPOINT, dir, job.options().sparkConf());
    run.closeAtEnd(lock);
    lock.failWhenFull(run::fail);
    run.diagnoseWith(lock::diagnose);
    return prepare(job, notRecoverable);
  }

  /** {@link #claim(Job, String, RunState)} for a DStream job. */
  static boolean claim(Job job, RunState run) throws UsageException {
    return claim(job, notRecoverable(job), run);
  }

  /**
   * {@link #prepare(Job)} for an engine whose source, when {@code notRecoverable} is not null,
   * cannot resume from a checkpoint for that reason.
   */
  public static boolean prepare(Job job, String notRecoverable) throws UsageException {
    String dir = job.options().checkpoint();
    // Reachable, a directory, writable: one clear line now rather than Hadoop's retries and traces.
    HadoopPaths.writableDirectory(CHECKPOINT, dir, job.options().sparkConf());
    try {
      SettingsRecordFile dirFiles = SettingsRecordFile.in(dir);
      if (notRecoverable != null && !dirFiles.isEmpty()) {
        throw new UsageException("--" + CHECKPOINT + " " + dir + " is not empty, but a "
            + job.source().name() + " job cannot be recovered (" + notRecoverable + "): pass an"
            + " empty or new --checkpoint directory, or leave --checkpoint out");
      }
      CheckpointSettings current =
          CheckpointSettings.current(sparkVersion(), GraphSettings.of(job));
      if (dirFiles.holdsCheckpoint()) {
        String recorded = dirFiles.readRecord();
        if (recorded == null) {
          throw new UsageException(CheckpointSettings.unrecorded(dir));
        }
        CheckpointSettings recordedSettings = CheckpointSettings.parse(recorded);
        // Another Spark line first: its classes cannot even be deserialized here.
        String refusal = SparkLine.checkpointRefusal(dir, recordedSettings.sparkVersion());
        if (refusal == null) {
          refusal = current.refusal(dir, recordedSettings);
        }
        if (refusal != null) {
          throw new UsageException(refusal);
        }
        AbandonedFiles.close(dir, LEASE_RECOVERY_MS);
        return true;
      }
      dirFiles.writeRecord(current.toText());
      return false;
    } catch (IOException | IllegalArgumentException e) {
      throw new UsageException("--" + CHECKPOINT + " " + dir + ": cannot use it ("
          + e.getMessage() + "); choose a writable directory");
    }
  }

  /**
   * Recovers the job from DIR, or creates it there. {@code recovering} is what {@link #prepare}
   * found.
   */
  static JavaStreamingContext getOrCreate(Job job, ContextFactory contexts, OpenSource source,
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
    SparkConf now = SparkContexts.sparkConf(o);
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
