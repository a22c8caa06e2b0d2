package dstream.wordcount.engine.structured;

import java.time.Instant;
import org.apache.spark.sql.streaming.StateOperatorProgress;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.StreamingQueryProgress;

/**
 * The rows an event-time query's window aggregation has dropped as late in this run, summed from
 * the query's own progress: the figure {@code stats} writes beside each event-time window. It is
 * read on the query's thread as a micro-batch is written, where the query's progress is complete
 * up to the micro-batch before (a {@code StreamingQueryListener} hears of it later, on a bus of
 * its own). Spark keeps the last 100 progress reports: more micro-batches than that between two
 * {@link #fold}s would go uncounted, and {@link BatchWriter} folds at every one.
 */
final class LateRows {
  /**
   * The start of the latest trigger counted: reports are kept in the order of their triggers, and
   * a trigger's start tells them apart where a batch id may not (an idle trigger's report).
   */
  private Instant counted = Instant.MIN;
  private long total;

  /** Adds the dropped rows of the query's micro-batches not counted yet. */
  synchronized void fold(StreamingQuery query) {
    for (StreamingQueryProgress p : query.recentProgress()) {
      Instant started = Instant.parse(p.timestamp());
      if (started.isAfter(counted)) {
        counted = started;
        total += dropped(p);
      }
    }
  }

  /** The rows one micro-batch's window aggregation dropped as behind the watermark. */
  static long dropped(StreamingQueryProgress p) {
    long rows = 0;
    for (StateOperatorProgress op : p.stateOperators()) {
      rows += op.numRowsDroppedByWatermark();
    }
    return rows;
  }

  /** The late rows of the micro-batches folded so far. */
  synchronized long total() {
    return total;
  }
}
