package dstream.wordcount.sources;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/** A source whose resources are acquired: it can create its DStream and must be closed. */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public interface OpenedSource extends AutoCloseable {
  /** Creates the input DStream on {@code ssc}; may be called inside a checkpoint factory. */
  JavaDStream<String> createStream(JavaStreamingContext ssc);

  /**
   * Adds output operations that must run after every output of the graph in each batch; the graph
   * builder calls it last, after the outputs. A Kafka source commits its offsets here, so a batch's
   * offsets are committed only once its results are written. Like {@link #createStream} it runs
   * inside the checkpoint factory: closures capture only serializable values.
   */
  default void afterOutputs(JavaStreamingContext ssc) {}

  /** Number of batches that carry input, or -1 when the source is unbounded. */
  default long finiteBatches() {
    return -1;
  }

  /** A line for the console saying where lines come from, or null. */
  default String banner() {
    return null;
  }

  /** What to tell a user whose receiver cannot connect, or null. */
  default String receiverHint() {
    return null;
  }

  @Override
  default void close() {}
}
