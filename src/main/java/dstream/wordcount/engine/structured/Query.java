package dstream.wordcount.engine.structured;

import dstream.wordcount.results.ResultKind;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * A pipeline's query on the structured engine: the streaming part, its output mode, and what
 * each micro-batch of it becomes as the records of a {@code BatchResult} of {@code kind}.
 *
 * @param stream what the query streams into {@code foreachBatch}
 * @param mode append for per-batch results, complete or update for running ones
 * @param kind the result kind, the same as the DStream twin's
 * @param batchSeconds the batch interval in seconds (for stats lines), else 0
 * @param perBatch one micro-batch of {@code stream} as typed records, on the driver
 */
public record Query(Dataset<?> stream, OutputMode mode, ResultKind kind, double batchSeconds,
    PerBatch perBatch) {

  /** A micro-batch as the typed records of its result. */
  @FunctionalInterface
  public interface PerBatch {
    /** The records of one micro-batch ({@code batch} is static: it holds just that batch). */
    JavaRDD<?> records(Dataset<Row> batch);
  }
}
