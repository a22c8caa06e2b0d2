package dstream.wordcount.sources;

import org.apache.spark.storage.StorageLevel;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/** An open socket source: Spark's {@code socketTextStream} on a host and port. */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
final class SocketLines implements OpenSource {
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
    return ssc.socketTextStream(host, port, level);
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
}
