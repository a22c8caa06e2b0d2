package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.run.RunState;
import dstream.wordcount.sources.SocketSource;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.SparkSession;

/**
 * {@code socket} on the structured engine: Spark's socket source ({@code readStream} format
 * {@code socket}), the socket lab's own. It keeps no offsets a restart could resume from, so a
 * query on it is not recoverable; and it connects once, at the start, where the DStream receiver
 * retries every 2 s. Twin of {@link SocketSource}.
 */
final class SocketStream implements StructuredSource<SocketSource.Settings> {
  /** Why a socket query cannot be recovered. */
  static final String NOT_RECOVERABLE = "Spark's socket source keeps no offsets to resume from";

  @Override
  public String notRecoverable() {
    return NOT_RECOVERABLE;
  }

  @Override
  public StreamInput open(SocketSource.Settings s, Options job, RunState run, SparkSession spark) {
    return StreamInput.of(lines(spark, s.host(), s.port()),
        "reading lines from " + s.host() + ":" + s.port());
  }

  /** The lines a line server at {@code host:port} sends. */
  static Dataset<String> lines(SparkSession spark, String host, int port) {
    return spark.readStream().format("socket").option("host", host)
        .option("port", port).load().as(Encoders.STRING());
  }
}
