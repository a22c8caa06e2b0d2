package dstream.wordcount.engine.structured;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * A pipeline's query on the structured engine: the streaming part, its output mode, and what
 * each micro-batch of it becomes as the records of a {@code BatchResult} of the declaration's
 * result kind ({@code Pipeline.resultKind()}, the same on both engines).
 *
 * @param stream what the query streams into {@code foreachBatch}
 * @param mode append for per-batch results, complete or update for running ones
 * @param perBatch one micro-batch of {@code stream} as typed records, on the driver
 */
public record Query(Dataset<?> stream, OutputMode mode, PerBatch perBatch) {

  /** A micro-batch as the typed records of its result. */
  @FunctionalInterface
  public interface PerBatch {
    /** The records of one micro-batch ({@code batch} is static: it holds just that batch). */
    JavaRDD<?> records(Dataset<Row> batch);
  }
}
