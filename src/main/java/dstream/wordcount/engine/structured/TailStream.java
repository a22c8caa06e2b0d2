package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.FileFollower;
import dstream.wordcount.core.FilePosition;
import dstream.wordcount.live.RunState;
import dstream.wordcount.sources.TailSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * {@code --source tail} on the structured engine: the lines appended to a local file through
 * {@link TailProvider}, a DataSource V2 micro-batch source on the same {@code FileFollower} as the
 * DStream engine's receiver, so the same lines, split and decoded the same way, with the same
 * rotation, truncation and late-file rules. Its offsets are file positions kept in the query's
 * checkpoint: a query restarted on its checkpoint reads the lines of its unfinished micro-batch
 * again from the file and goes on where it stopped, with no write-ahead log and no position file
 * (see {@link TailMicroBatchStream} for where this is not exact: a re-run across a rotation whose
 * old file left the directory, or across a truncation).
 *
 * <p>The driver reads the file (no receiver, no executor needs it), so, unlike the receiver,
 * it holds no core and runs on {@code local[1]} too. Where a new query starts is decided as the
 * receiver decides it, on the driver when the job starts: the file's end then, or its start with
 * {@code --from-start}; a file that does not exist yet is read from its start once it appears.
 * At most {@code spark.streaming.receiver.maxRate} lines per second of {@code --batch} per
 * micro-batch (the receiver's ceiling; 0 for none).
 */
public final class TailStream implements StructuredSource<TailSource.Settings> {
  /** The declaration: its validation is the source's, whichever engine runs it. */
  private static final TailSource DECLARATION = new TailSource();
  /** The DStream receiver's rate key, which bounds a micro-batch here. */
  static final String MAX_RATE_KEY = "spark.streaming.receiver.maxRate";
  /**
   * Lines per micro-batch when the rate is 0 (no ceiling): the lines travel in the task, so a
   * file read from its start still comes in bounded micro-batches.
   */
  static final long UNBOUNDED_BATCH_LINES = 1_000_000;

  /** Recoverable: the positions live in the checkpoint, the lines in the file. */
  @Override
  public String notRecoverable() {
    return null;
  }

  @Override
  public StreamInput open(TailSource.Settings settings, Options job, RunState run,
      SparkSession spark) throws UsageException, IOException {
    DECLARATION.validate(settings, job);
    Path file = TailSource.localPath(settings.file());
    Dataset<String> records = spark.readStream()
        .format(TailProvider.class.getName())
        .option(TailProvider.PATH, file.toString())
        .option(TailProvider.START, startOf(file, settings.fromStart()).json())
        .option(TailProvider.MAX_LINES_PER_BATCH, linesPerBatch(job.sparkConf(), job.batchMs()))
        .load()
        .as(Encoders.STRING());
    return StreamInput.of(records, TailSource.banner(file.toString(), settings.fromStart())
        + "; the driver reads it, its positions are kept in the query's checkpoint");
  }

  /**
   * Where a new query starts: the file's end now, when the job starts (lines appended before the
   * query's first trigger are new), or its start; a file that does not exist yet from its start
   * once it appears, as {@code TailSource} decides for the receiver.
   */
  static TailOffset startOf(Path file, boolean fromStart) throws IOException {
    FilePosition end = FileFollower.endOf(file);
    if (end == null) {
      return new TailOffset(new FilePosition(null, 0), 0);
    }
    return new TailOffset(fromStart ? new FilePosition(end.fileKey(), 0) : end, 0);
  }

  /** {@value #MAX_RATE_KEY} times the batch interval, at least 1; 0 means the fixed bound. */
  static long linesPerBatch(Map<String, String> sparkConf, long batchMs) throws UsageException {
    long n = RateCeiling.perTrigger(sparkConf, MAX_RATE_KEY, "lines per second", 1, batchMs);
    return n == 0 ? UNBOUNDED_BATCH_LINES : Math.min(n, Integer.MAX_VALUE);
  }
}
