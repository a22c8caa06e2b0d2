package dstream.wordcount.engine.structured;

import java.nio.file.Path;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The replay source as a Spark DataSource V2 micro-batch source, loaded by class name:
 * {@code spark.readStream().format(ReplayProvider.class.getName()).option("path", FILE)
 * .option("linesPerBatch", N).load()}. A DataSource V2 source rather than a memory stream because
 * its offsets (line numbers) live in the query's checkpoint: a query restarted from its checkpoint
 * resumes at the first line it had not processed, which the DStream engine's queueStream replay
 * cannot do. One column, {@code value}, a line each. Micro-batch k holds lines
 * {@code k*N .. k*N+N-1}, one micro-batch per trigger ({@link ReplayMicroBatchStream}).
 *
 * <p>Executors read the file themselves, at the byte offset the driver's index gives: the path
 * must name the same file on every executor (local mode, or a file system they share).
 */
public final class ReplayProvider extends LinesProvider {
  /** Option: the file to replay. */
  public static final String PATH = "path";
  /** Option: lines per micro-batch, at least 1. */
  public static final String LINES_PER_BATCH = "linesPerBatch";

  /** Spark instantiates providers by reflection. */
  public ReplayProvider() {}

  @Override
  Lines lines(CaseInsensitiveStringMap options) {
    String path = required(options, PATH, "replay", "the file to replay");
    long every = number(options, LINES_PER_BATCH);
    if (every < 1 || every > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("the replay source needs option '" + LINES_PER_BATCH
          + "': a whole number of lines per micro-batch, at least 1 (got "
          + options.get(LINES_PER_BATCH) + ")");
    }
    int n = (int) every;
    return new Lines("replay(" + path + ")", "replay " + path + ", " + n + " line(s) per micro-batch",
        // The file is indexed when the query starts.
        () -> new ReplayMicroBatchStream(Path.of(path), n));
  }
}
