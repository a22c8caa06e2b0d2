package dstream.wordcount.engine.structured;

import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * The socket source of the structured engine as a Spark DataSource V2 micro-batch source:
 * {@code spark.readStream().format(SocketProvider.class.getName()).option("host", H)
 * .option("port", P).option("maxLinesPerBatch", N).load()}, one column, {@code value}, a line
 * each. It is Spark's own socket
 * source (the socket lab's {@code format("socket")}) with two differences: a line longer than the
 * line limit is skipped with one WARN instead of being held whole (Spark's reader holds any
 * line: a 300 MB one took 5.7 GB of heap), and a connection the server closes is tried again
 * every 2 s, as the DStream engine's receiver does, instead of ending the input for good
 * ({@link SocketMicroBatchStream}).
 */
public final class SocketProvider extends LinesProvider {
  /** Option: the line server's host. */
  public static final String HOST = "host";
  /** Option: the line server's port. */
  public static final String PORT = "port";
  /** Option: lines per micro-batch at most, at least 1. */
  public static final String MAX_LINES_PER_BATCH = "maxLinesPerBatch";

  /** Spark instantiates providers by reflection. */
  public SocketProvider() {}

  @Override
  Lines lines(CaseInsensitiveStringMap options) {
    String host = required(options, HOST, "socket", "the line server's host");
    long port = number(options, PORT);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the socket source needs option '" + PORT
          + "': a port from 1 to 65535 (got " + options.get(PORT) + ")");
    }
    long max = atLeastOne(options, MAX_LINES_PER_BATCH, "socket");
    String where = host + ":" + port;
    return new Lines("socket(" + where + ")", "socket " + where + ", at most " + max
        + " line(s) per micro-batch", () -> new SocketMicroBatchStream(host, (int) port, max));
  }
}
