package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.sources.SocketSource;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * {@code socket} on the structured engine: the socket lab's {@code readStream().format("socket")}
 * as our {@link SocketProvider}, which reads like Spark's socket source but skips a line longer
 * than the line limit and connects again when the server goes away, as the DStream receiver
 * does. It keeps no offsets a restart could resume from, so a query on it is not recoverable;
 * nothing listening when it starts fails the query in one line. Twin of {@link SocketSource}.
 */
final class SocketStream implements StructuredSource<SocketSource.Settings> {
  /** Why a socket query cannot be recovered. */
  static final String NOT_RECOVERABLE = "the socket source keeps no offsets to resume from";

  @Override
  public String notRecoverable() {
    return NOT_RECOVERABLE;
  }

  @Override
  public StreamInput open(SocketSource.Settings s, Options job, RunState run, SparkSession spark)
      throws UsageException {
    return StreamInput.of(lines(spark, s.host(), s.port(), job),
        "reading lines from " + s.host() + ":" + s.port());
  }

  /**
   * The lines a line server at {@code host:port} sends, at most the receiver's rate
   * ({@code spark.streaming.receiver.maxRate}) times the batch interval per micro-batch, as the
   * DStream receiver takes them.
   */
  static Dataset<String> lines(SparkSession spark, String host, int port, Options job)
      throws UsageException {
    return spark.readStream().format(SocketProvider.class.getName())
        .option(SocketProvider.HOST, host).option(SocketProvider.PORT, port)
        .option(SocketProvider.MAX_LINES_PER_BATCH,
            TailStream.linesPerBatch(job.sparkConf(), job.batchMs()))
        .load().as(Encoders.STRING());
  }
}
