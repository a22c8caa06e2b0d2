package dstream.wordcount.engine.structured;

import java.util.HashSet;
import java.util.Set;
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
  private final Set<Long> counted = new HashSet<>();
  private long total;

  /** Adds the dropped rows of the query's micro-batches not counted yet. */
  synchronized void fold(StreamingQuery query) {
    for (StreamingQueryProgress p : query.recentProgress()) {
      if (counted.add(p.batchId())) {
        for (StateOperatorProgress op : p.stateOperators()) {
          total += op.numRowsDroppedByWatermark();
        }
      }
    }
  }

  /** The late rows of the micro-batches folded so far. */
  synchronized long total() {
    return total;
  }
}
