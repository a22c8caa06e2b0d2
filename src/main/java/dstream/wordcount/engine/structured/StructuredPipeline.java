package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.pipelines.SlidingWindow;
import org.apache.spark.sql.SparkSession;

/**
 * The Structured Streaming implementation of a pipeline declared in {@code pipelines/}: the same
 * settings record, the same result, built with Structured Streaming's operators. What runs as a
 * streaming operator (tokenizing, filtering, a running aggregation, per-word state) is in
 * {@link Query#stream()}; what a DStream computes per batch is the query's
 * {@link Query.PerBatch}, run by {@code foreachBatch} on each micro-batch.
 *
 * @param <S> the declaration's settings record
 */
public interface StructuredPipeline<S> {
  /**
   * Refuses, in one line, what this engine cannot do with these settings (yet), before anything
   * starts.
   */
  default void validate(S settings, Options job) throws UsageException {}

  /**
   * Checks what needs the run's session, before the query starts (sql analyzes its query in it).
   */
  default void beforeStart(S settings, Options job, SparkSession spark) throws UsageException {}

  /**
   * Builds the query onto {@code lines}; starts nothing. A windowed query reads
   * {@link StreamLines#timed()}, which its {@link #drainBatches} asks for; the others read
   * {@link StreamLines#text()}.
   */
  Query plan(StreamLines lines, S settings, Options job);

  /**
   * For a windowed query (settings with a window), the batch times a finite source must still run
   * after its input so that every window holding input is emitted
   * ({@link TimeWindows#drainBatches}); -1 for a query that reads untimed lines.
   */
  default long drainBatches(S settings, Options job) {
    return settings instanceof SlidingWindow.Holder w && w.windows() != null
        ? TimeWindows.drainBatches(w.windows(), job) : -1;
  }

  /**
   * Micro-batches a finite source must still run after its input so that every result that
   * depends on it is out (an idle word's eviction).
   */
  default long batchesAfterInput(S settings, Options job) {
    return 0;
  }
}
