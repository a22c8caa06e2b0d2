package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.sources.ReplaySource;
import dstream.wordcount.text.LineIndex;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;

/**
 * {@code --source replay} on the structured engine: the file through {@link ReplayProvider},
 * micro-batch k holding lines {@code k*N .. k*N+N-1}, the same lines, decoded and split the same
 * way, as the DStream replay's batch k. Unlike the DStream replay (a queueStream) it is
 * recoverable: its offsets are line numbers kept in the query's checkpoint, so a restarted query
 * resumes at the first line not yet processed.
 */
public final class ReplayStream implements StructuredSource<ReplaySource.Settings> {
  /** The declaration: its validation is the source's, whichever engine runs it. */
  private static final ReplaySource DECLARATION = new ReplaySource();

  /** Recoverable: offsets live in the checkpoint. */
  @Override
  public String notRecoverable() {
    return null;
  }

  @Override
  public StreamInput open(ReplaySource.Settings settings, Options job, RunState run,
      SparkSession spark) throws UsageException, IOException {
    return open(settings, job, spark, -1);
  }

  /**
   * The replay in logical time: micro-batch k at {@code k * --batch} from the epoch, the same on
   * every run and after a recovery, followed by {@code drainBatches} ticks.
   */
  @Override
  public StreamInput openTimed(ReplaySource.Settings settings, Options job, RunState run,
      SparkSession spark, long drainBatches) throws UsageException, IOException {
    return open(settings, job, spark, drainBatches);
  }

  /** {@code drainBatches}: -1 for untimed lines. */
  private StreamInput open(ReplaySource.Settings settings, Options job, SparkSession spark,
      long drainBatches) throws UsageException, IOException {
    DECLARATION.validate(settings, job);
    // Absolute, so the executors' and the checkpoint's notion of the file does not depend on the
    // working directory.
    Path file = Path.of(settings.input()).toAbsolutePath();
    // The query indexes the file again when it starts (ReplayMicroBatchStream, on the driver):
    // the banner needs the count now, and a Spark source is built from string options only.
    LineIndex index = ReplaySource.index(settings);
    long batches = index.blocks();
    DataStreamReader reader = spark.readStream()
        .format(ReplayProvider.class.getName())
        .option(ReplayProvider.PATH, file.toString())
        .option(ReplayProvider.LINES_PER_BATCH, settings.linesPerBatch());
    boolean timed = drainBatches >= 0;
    if (timed) {
      reader = reader.option(ReplayProvider.BATCH_MS, job.batchMs())
          .option(ReplayProvider.TICKS, drainBatches);
    }
    Dataset<Row> rows = reader.load();
    // Ticks follow the lines of a non-empty file only (ReplayMicroBatchStream).
    long ticks = timed && index.lines() > 0 ? drainBatches : 0;
    StreamInput input = new StreamInput(rows.select("value").as(Encoders.STRING()),
        "replaying " + settings.input() + " in " + batches + " batch(es)", batches,
        new LineOffset(index.lines() + ticks).json(), null);
    return timed ? input.withTimed(rows) : input;
  }
}
