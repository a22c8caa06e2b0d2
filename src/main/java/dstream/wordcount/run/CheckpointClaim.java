package dstream.wordcount.run;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.CheckpointSettings;
import dstream.wordcount.fs.AbandonedFiles;
import dstream.wordcount.fs.CheckpointLock;
import dstream.wordcount.fs.HadoopPaths;
import dstream.wordcount.live.RunState;
import java.io.IOException;

/**
 * A run's claim on its {@code --checkpoint DIR}, the same on both engines. Each engine recovers
 * what it serialized and ignores what the restarted driver was asked to do, so before either
 * starts DIR is checked against this run: the graph settings are recorded in
 * {@code DIR/}{@value CheckpointSettings#FILE_NAME} when DIR holds no checkpoint yet, and compared
 * with it when it does; a difference, a checkpoint of another build, or a job on a source that
 * cannot be recovered is a usage error naming the way out. Reading and writing the record is
 * {@link SettingsRecordFile}. {@link #claim} locks DIR first ({@link CheckpointLock}): one driver
 * per checkpoint directory.
 */
public final class CheckpointClaim {
  private static final String CHECKPOINT = Options.CHECKPOINT.name();

  /** HDFS closes an abandoned file within a few heartbeats; far more means something else is wrong. */
  private static final long LEASE_RECOVERY_MS = 120_000;

  private CheckpointClaim() {}

  /** The Spark version, part of what makes a checkpoint readable. */
  public static String sparkVersion() {
    return org.apache.spark.package$.MODULE$.SPARK_VERSION();
  }

  /**
   * Locks DIR for this run, then {@link #prepare prepares} it: a second driver on
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

  /**
   * Checks DIR against this run and records the settings when DIR holds no checkpoint yet; a
   * source that cannot resume from a checkpoint says why in {@code notRecoverable} (else null).
   *
   * @return true when DIR holds a checkpoint to recover
   * @throws UsageException when this run must not use DIR
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
}
