package dstream.wordcount.outputs;

import dstream.wordcount.live.RunState;
import dstream.wordcount.results.BatchResult;
import java.io.Serializable;

/**
 * What an output does with each batch's result, on either engine: the DStream engine calls it
 * from {@code foreachRDD}, the Structured Streaming engine from {@code foreachBatch}, in the order
 * the outputs are registered. A sink is part of a DStream checkpoint, so it holds only its
 * settings (serializable values); it reaches the run's live objects (a server, credentials)
 * through {@code RunState.of(batch.records().context())}.
 */
@FunctionalInterface
public interface BatchSink extends Serializable {
  /** Writes one batch. A failure fails the batch's output (and, on the structured engine, the query). */
  void write(BatchResult batch) throws Exception;
}
