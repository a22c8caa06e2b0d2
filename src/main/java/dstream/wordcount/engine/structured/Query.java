package dstream.wordcount.engine.structured;

import java.util.List;
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
 * @param windowAlerts for a windowed query, what a window's result alerts about (the alerts
 *     may be none); null for a query whose results are per micro-batch
 */
public record Query(Dataset<?> stream, OutputMode mode, PerBatch perBatch, Alerts windowAlerts) {

  /** A query whose result is one micro-batch's. */
  public Query(Dataset<?> stream, OutputMode mode, PerBatch perBatch) {
    this(stream, mode, perBatch, null);
  }

  /**
   * A windowed query: {@code stream} has a {@link TimeWindows#END} column, and each window a
   * micro-batch closes is a result of its own, at the window's end ({@code perBatch} reads one
   * window's rows, without that column). Append mode: a window is emitted once, complete.
   */
  static Query windowed(Dataset<Row> stream, PerBatch perWindow, Alerts alerts) {
    return new Query(stream, OutputMode.Append(), perWindow, alerts);
  }

  /** Whether each window is a result of its own. */
  boolean isWindowed() {
    return windowAlerts != null;
  }

  /** A micro-batch as the typed records of its result. */
  @FunctionalInterface
  public interface PerBatch {
    /** The records of one micro-batch ({@code batch} is static: it holds just that batch). */
    JavaRDD<?> records(Dataset<Row> batch);
  }

  /** The alert lines of one window's result. */
  @FunctionalInterface
  public interface Alerts {
    /** No alerts. */
    Alerts NONE = (records, endMs) -> List.of();

    List<String> of(JavaRDD<?> records, long endMs);
  }
}
