package dstream.wordcount.engine.structured;

import dstream.wordcount.outputs.BatchSink;
import dstream.wordcount.results.BatchResult;
import dstream.wordcount.results.ResultKind;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.storage.StorageLevel;

/**
 * The {@code foreachBatch} function of a structured run: each micro-batch becomes the
 * pipeline's typed records, which every output's sink writes in registry order at the batch's
 * trigger time, then the source's after-batch step runs (the Kafka commit), so offsets never pass
 * what the outputs hold. A failing sink fails the batch, and so the query: the batch is run again
 * after a restart on the same checkpoint. A windowed query's micro-batch holds the windows it
 * closed: each is written as a result of its own at the window's end, in the order of their ends;
 * under event time the late rows the run dropped until then are counted first ({@link LateRows}).
 * Runs on the driver; it is not serialized.
 */
final class BatchWriter implements VoidFunction2<Dataset<Row>, Long> {
  private static final long serialVersionUID = 1L;
  private final Query query;
  private final ResultKind kind;
  private final double batchSeconds;
  private final List<BatchSink> sinks;
  private final int consumers;
  private final StreamInput.AfterBatch afterBatch;
  private final BatchTimes times;
  private final AtomicLong completed = new AtomicLong();
  private volatile boolean writing;
  /** Batches completed since one reached the finite source's end; -1 before. */
  private final AtomicLong sinceEnd = new AtomicLong(-1);
  private final String endOffset;
  private final Map<Long, Long> timeOfBatch = new ConcurrentHashMap<>();
  private final LateRows lateRows;
  private volatile StreamingQuery running;

  BatchWriter(Query query, ResultKind kind, double batchSeconds, List<BatchSink> sinks,
      int consumers, StreamInput input, BatchTimes times, LateRows lateRows) {
    this.lateRows = lateRows;
    this.query = query;
    this.kind = kind;
    this.batchSeconds = batchSeconds;
    this.sinks = List.copyOf(sinks);
    this.consumers = consumers;
    this.afterBatch = input.afterBatch();
    this.endOffset = input.endOffset();
    this.times = times;
  }

  @Override
  public void call(Dataset<Row> batch, Long batchId) throws Exception {
    writing = true;
    try {
      write(batch, batchId);
    } finally {
      writing = false;
    }
  }

  /** The query this function writes the micro-batches of, once started. */
  void follow(StreamingQuery query) {
    running = query;
  }

  /** Whether a micro-batch's outputs are being written now. */
  boolean writing() {
    return writing;
  }

  private void write(Dataset<Row> batch, long batchId) throws Exception {
    BatchTimes.Entry entry = times.of(batchId);
    StreamingQuery q = running;
    if (lateRows != null && q != null) {
      lateRows.fold(q);
    }
    if (query.isWindowed()) {
      writeWindows(batch);
    } else {
      writeResult(query.perBatch().records(batch), entry.timeMs(), Query.Alerts.NONE);
    }
    String offsets = entry.sourceOffsets().isEmpty() ? null : entry.sourceOffsets().get(0);
    if (afterBatch != null) {
      afterBatch.done(batchId, offsets);
    }
    timeOfBatch.put(batchId, entry.timeMs());
    completed.incrementAndGet();
    if (sinceEnd.get() >= 0) {
      sinceEnd.incrementAndGet();
    } else if (endOffset != null && endOffset.equals(offsets)) {
      sinceEnd.set(1);
    }
  }

  /** Each window {@code batch} closed, as its own result at its end; read once, kept meanwhile. */
  private void writeWindows(Dataset<Row> batch) throws Exception {
    Dataset<Row> windows = batch.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      for (long end : TimeWindows.ends(windows)) {
        Dataset<Row> window = windows.filter(functions.col(TimeWindows.END).equalTo(end))
            .drop(TimeWindows.END);
        writeResult(query.perBatch().records(window), end, query.windowAlerts());
      }
    } finally {
      windows.unpersist(false);
    }
  }

  /** One result to every sink, at {@code timeMs}. */
  private void writeResult(JavaRDD<?> records, long timeMs, Query.Alerts alerts)
      throws Exception {
    // Several outputs read the same records: computed once, not once per output.
    boolean shared = consumers > 1;
    if (shared) {
      records.persist(StorageLevel.MEMORY_AND_DISK());
    }
    try {
      BatchResult result = new BatchResult(kind, records, timeMs, batchSeconds,
          alerts.of(records, timeMs));
      for (BatchSink sink : sinks) {
        sink.write(result);
      }
      if (consumers == 0) {
        records.count(); // computed all the same, so the batch line stays truthful
      }
    } finally {
      if (shared) {
        records.unpersist(false);
      }
    }
  }

  /**
   * Batches completed from the one that reached the end of a finite source on (that one
   * included), or -1 while none has; a recovered query knows its end only this way, since the
   * checkpoint tells how much it had done before.
   */
  long batchesFromEnd() {
    return sinceEnd.get();
  }

  /** Micro-batches whose outputs all succeeded in this run. */
  long completedBatches() {
    return completed.get();
  }

  /** The trigger time of a micro-batch this run wrote, or -1; forgets it. */
  long takeTime(long batchId) {
    Long t = timeOfBatch.remove(batchId);
    return t == null ? -1 : t;
  }
}
