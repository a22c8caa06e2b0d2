package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.run.RunState;
import org.apache.spark.storage.StorageLevel;

/**
 * Lines from any TCP line server such as {@code nc -lk 9999}, read by Spark's own
 * {@code socketTextStream} receiver. When nothing listens, the receiver restarts itself every two
 * seconds and the driver prints how to start a server (see {@code runtime.BatchListener}).
 */
public final class SocketSource extends Plugin<SocketSource.Settings>
    implements Source<SocketSource.Settings> {
  public static final OptionSpec HOST =
      OptionSpec.text("host", "HOST", "host to connect to", "localhost").shaping();
  public static final OptionSpec PORT =
      OptionSpec.number("port", "PORT", "port to connect to", "9999").shaping();

  /** Where the line server is. */
  public record Settings(String host, int port) {}

  public SocketSource() {
    super("socket", "lines from a TCP server (--host, --port), e.g. nc -lk 9999",
        v -> new Settings(v.text(HOST), v.integer(PORT, 1, 65535)), HOST, PORT);
  }

  @Override
  public void validate(Settings s, Options job) throws UsageException {
    ReceiverSources.requireSpareCore(name(), job.master());
  }

  @Override
  public OpenSource open(Settings s, Options o, RunState run) {
    String host = s.host();
    int port = s.port();
    StorageLevel level = ReceiverSources.storageLevel(o.master());
    return new SocketLines(host, port, level, "reading lines from " + host + ":" + port, null);
  }
}
