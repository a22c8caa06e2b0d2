package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import java.io.IOException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * The Structured Streaming implementation of a source declared in {@code sources/}: the same
 * settings record, read into a streaming {@code Dataset<String>} of records.
 *
 * @param <S> the declaration's settings record
 */
public interface StructuredSource<S> {
  /**
   * Why a query on this source cannot be recovered from its checkpoint (one sentence), or null
   * when it can; a non-empty {@code --checkpoint} directory is then refused.
   */
  default String notRecoverable() {
    return null;
  }

  /**
   * Opens the source for one run: starts what it needs (the demo server), registers closers in
   * {@code run}, and returns the streaming records. Problems a user can fix are
   * {@link UsageException}s.
   */
  StreamInput open(S settings, Options job, RunState run, SparkSession spark)
      throws UsageException, IOException;

  /**
   * Opens the source for a windowed query: each record with the time of the micro-batch that
   * reads it (Spark's {@code current_timestamp()}, the batch's trigger time, kept in the offset
   * log), so that a window holds the batches that arrived in it, as a DStream window does. A
   * finite source gives logical times instead ({@link ReplayStream}) and runs
   * {@code drainBatches} more batch times after its input, so that every window holding input
   * is emitted; a source that never ends has no use for them.
   */
  default StreamInput openTimed(S settings, Options job, RunState run, SparkSession spark,
      long drainBatches) throws UsageException, IOException {
    StreamInput input = open(settings, job, run, spark);
    return input.withTimed(input.records().toDF("value")
        .withColumn("time", functions.current_timestamp()));
  }
}
