package dstream.wordcount.engine.structured;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * An opened source of the structured engine.
 *
 * @param records the streaming records, one string each (a line, or a JSON text under
 *     {@code --format json})
 * @param banner a line saying where the records come from, or null
 * @param finiteBatches micro-batches of input from the start, or -1 when the source is unbounded
 * @param endOffset a finite source's offset at its end, as Spark writes it in the offset log
 *     (a query recovered from a checkpoint ends when a batch reaches it), or null
 * @param afterBatch what to do once a micro-batch's outputs all succeeded (the Kafka source
 *     commits its offsets to the consumer group), or null
 * @param timed for a windowed query, the records with their batch's time (columns {@code value},
 *     {@code time}; a null value is a tick, which only moves the time on), else null
 */
public record StreamInput(Dataset<String> records, String banner, long finiteBatches,
    String endOffset, AfterBatch afterBatch, Dataset<Row> timed) {

  /** An input without times, for a query that does not window. */
  public StreamInput(Dataset<String> records, String banner, long finiteBatches,
      String endOffset, AfterBatch afterBatch) {
    this(records, banner, finiteBatches, endOffset, afterBatch, null);
  }

  /** This input with {@code timed} records. */
  StreamInput withTimed(Dataset<Row> timed) {
    return new StreamInput(records, banner, finiteBatches, endOffset, afterBatch, timed);
  }

  /** An unbounded source with nothing to do after a batch. */
  public static StreamInput of(Dataset<String> records, String banner) {
    return new StreamInput(records, banner, -1, null, null);
  }

  /** Run on the driver after the outputs of a micro-batch succeeded. */
  @FunctionalInterface
  public interface AfterBatch {
    /**
     * @param batchId the micro-batch
     * @param sourceOffsets this source's end offsets of the batch, as Spark wrote them in the
     *     checkpoint's offset log (the Kafka source: {@code {"topic":{"0":42}}})
     */
    void done(long batchId, String sourceOffsets) throws Exception;
  }
}
