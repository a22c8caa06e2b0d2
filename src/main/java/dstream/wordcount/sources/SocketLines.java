package dstream.wordcount.sources;

import dstream.wordcount.text.BoundedLines;
import dstream.wordcount.text.LineLimit;
import java.io.InputStream;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * An open socket source: Spark's socket receiver on a host and port. It is
 * {@code socketTextStream} but for the line reader: {@code socketStream} with {@link BoundedLines}
 * as its converter, so a line longer than {@link LineLimit} is skipped with one WARN instead of
 * being held whole (a 300 MB line took 5.7 GB of heap).
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
final class SocketLines implements OpenedSource {
  private final String host;
  private final int port;
  private final StorageLevel level;
  private final String banner;
  private final AutoCloseable resource;
  private final String hint;

  SocketLines(String host, int port, StorageLevel level, String banner, AutoCloseable resource) {
    this.host = host;
    this.port = port;
    this.level = level;
    this.banner = banner;
    this.resource = resource;
    this.hint = "Start a line server, e.g. `nc -lk " + port + "` or `bin/word-server --port " + port
        + "`; Spark retries every 2 s.";
  }

  @Override
  public JavaDStream<String> createStream(JavaStreamingContext ssc) {
    return ssc.socketStream(host, port, new Lines(host + ":" + port), level);
  }

  @Override
  public String banner() {
    return banner;
  }

  @Override
  public String receiverHint() {
    return hint;
  }

  @Override
  public void close() {
    if (resource != null) {
      try {
        resource.close();
      } catch (Exception ignored) {
        // shutting down: nothing useful to do with a failure to close
      }
    }
  }

  /** The receiver's converter: the connection's lines, a too-long one skipped and said. */
  private record Lines(String from) implements Function<InputStream, Iterable<String>> {
    private static final long serialVersionUID = 1L;

    @Override
    public Iterable<String> call(InputStream in) {
      return () -> new BoundedLines(in, n -> org.slf4j.LoggerFactory.getLogger(SocketLines.class)
          .warn(LineLimit.skipped("socket", "line " + n + " from " + from)));
    }
  }
}
