package dstream.wordcount.engine.structured;

import dstream.wordcount.core.EventTime;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The lines a pipeline's query is built on, after {@code --format} decoding.
 *
 * @param text the lines, for a query that does not window
 * @param timed for a windowed query, each line with its batch's time (columns {@code value},
 *     {@code time}; a null value is a tick, which only moves the time on), else null
 * @param eventTime {@code --event-time}: {@code timed}'s times are the records' own, else null
 *     (they are the batch times)
 * @param lateRows under {@code --event-time}, the late rows the run's windows dropped, else null
 */
public record StreamLines(Dataset<String> text, Dataset<Row> timed, EventTime eventTime,
    LateRows lateRows) {

  /** The lines of a query; the late rows are counted when the times are the records' own. */
  StreamLines(Dataset<String> text, Dataset<Row> timed, EventTime eventTime) {
    this(text, timed, eventTime, eventTime == null ? null : new LateRows());
  }
}
