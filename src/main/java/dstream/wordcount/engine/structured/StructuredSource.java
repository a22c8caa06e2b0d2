package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.run.RunState;
import java.io.IOException;
import org.apache.spark.sql.SparkSession;

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
}
