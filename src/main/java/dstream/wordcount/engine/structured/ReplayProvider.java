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
  /**
   * Option: the batch length in ms. Given, each row also holds its batch's time, {@code k *
   * batchMs} ms from the epoch for micro-batch k: the logical time a windowed query windows by,
   * the same on every run and after a recovery.
   */
  public static final String BATCH_MS = "batchMs";
  /** Option, with {@link #BATCH_MS}: tick batches after the file's last line (default 0). */
  public static final String TICKS = "ticks";

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
    ReplayMicroBatchStream.Times times = times(options);
    return new Lines("replay(" + path + ")", "replay " + path + ", " + n + " line(s) per micro-batch",
        times == null ? SCHEMA : TIMED_SCHEMA,
        // The file is indexed when the query starts.
        () -> new ReplayMicroBatchStream(Path.of(path), n, times));
  }

  /** The logical batch times of {@link #BATCH_MS} and {@link #TICKS}, or null when untimed. */
  private static ReplayMicroBatchStream.Times times(CaseInsensitiveStringMap options) {
    if (options.get(BATCH_MS) == null) {
      return null;
    }
    long batchMs = number(options, BATCH_MS);
    long ticks = options.get(TICKS) == null ? 0 : number(options, TICKS);
    if (batchMs < 1 || ticks < 0) {
      throw new IllegalArgumentException("the replay source needs options '" + BATCH_MS
          + "' (at least 1) and '" + TICKS + "' (at least 0) as whole numbers (got "
          + options.get(BATCH_MS) + " and " + options.get(TICKS) + ")");
    }
    return new ReplayMicroBatchStream.Times(batchMs, ticks);
  }
}
