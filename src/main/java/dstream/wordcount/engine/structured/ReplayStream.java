package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.run.RunState;
import dstream.wordcount.sources.ReplaySource;
import dstream.wordcount.text.LineIndex;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

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
    DECLARATION.validate(settings, job);
    // Absolute, so the executors' and the checkpoint's notion of the file does not depend on the
    // working directory.
    Path file = Path.of(settings.input()).toAbsolutePath();
    // The query indexes the file again when it starts (ReplayMicroBatchStream, on the driver):
    // the banner needs the count now, and a Spark source is built from string options only.
    LineIndex index = ReplaySource.index(settings);
    long batches = index.blocks();
    Dataset<String> records = spark.readStream()
        .format(ReplayProvider.class.getName())
        .option(ReplayProvider.PATH, file.toString())
        .option(ReplayProvider.LINES_PER_BATCH, settings.linesPerBatch())
        .load()
        .as(Encoders.STRING());
    return new StreamInput(records,
        "replaying " + settings.input() + " in " + batches + " batch(es)", batches,
        new LineOffset(index.lines()).json(), null);
  }
}
