package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.sources.DemoSource;
import java.io.IOException;
import org.apache.spark.sql.SparkSession;

/**
 * {@code demo} on the structured engine: the same embedded server as the DStream twin
 * ({@link DemoSource#start}), read through Spark's socket source as the socket lab's
 * {@code client.py} reads its {@code server.py}.
 */
final class DemoStream implements StructuredSource<DemoSource.Settings> {
  @Override
  public String notRecoverable() {
    return SocketStream.NOT_RECOVERABLE;
  }

  @Override
  public StreamInput open(DemoSource.Settings s, Options job, RunState run, SparkSession spark)
      throws UsageException, IOException {
    DemoSource.Server started = DemoSource.start(s, job);
    run.closeAtEnd(started.server());
    return StreamInput.of(SocketStream.lines(spark, "127.0.0.1", started.port(), job),
        started.banner());
  }
}
