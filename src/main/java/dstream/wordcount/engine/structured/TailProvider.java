package dstream.wordcount.engine.structured;

import java.nio.file.Path;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The tail source as a Spark DataSource V2 micro-batch source, loaded by class name:
 * {@code spark.readStream().format(TailProvider.class.getName()).option("path", FILE)
 * .option("start", OFFSET).option("maxLinesPerBatch", N).load()}. One column, {@code value}, a
 * line each: the lines appended to the file, followed like {@code tail -F} by the same
 * {@code FileFollower} as the DStream engine's receiver ({@link TailMicroBatchStream}). Its
 * offsets are follower positions in the query's checkpoint, so a restarted query goes on where
 * the last one stopped and re-reads an unfinished micro-batch from the file, with no write-ahead
 * log.
 *
 * <p>Only the driver reads the file; the lines travel to the executors inside the micro-batch's
 * one partition, so the path needs to name a file on the driver's machine only.
 */
public final class TailProvider extends LinesProvider {
  /** Option: the local file to follow. */
  public static final String PATH = "path";
  /** Option: where a query without a checkpoint starts, a {@link TailOffset}'s JSON. */
  public static final String START = "start";
  /** Option: lines per micro-batch at most, at least 1. */
  public static final String MAX_LINES_PER_BATCH = "maxLinesPerBatch";

  /** Spark instantiates providers by reflection. */
  public TailProvider() {}

  @Override
  Lines lines(CaseInsensitiveStringMap options) {
    String path = required(options, PATH, "tail", "the local file to follow");
    TailOffset start = TailOffset.parse(required(options, START, "tail",
        "where a new query starts (a tail offset)"));
    long max = atLeastOne(options, MAX_LINES_PER_BATCH, "tail");
    return new Lines("tail(" + path + ")", "tail " + path + ", at most " + max
        + " line(s) per micro-batch", () -> new TailMicroBatchStream(Path.of(path), start, max));
  }
}
