package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.spark.storage.StorageLevel;

/**
 * Lines from any TCP line server such as {@code nc -lk 9999}, read by Spark's own
 * {@code socketTextStream} receiver. When nothing listens, the receiver restarts itself every two
 * seconds and the driver prints how to start a server (see {@code engine.dstream.BatchListener}).
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
        v -> new Settings(host(v.text(HOST)), v.integer(PORT, 1, 65535)), HOST, PORT);
  }

  /** An empty host would make the receiver connect to nothing, retrying for ever in silence. */
  private static String host(String h) throws UsageException {
    if (h == null || h.isBlank()) {
      throw new UsageException(HOST.flagName()
          + " must not be empty; give the line server's name or address, e.g. localhost");
    }
    return h.trim();
  }

  @Override
  public void validate(Settings s, Options job) throws UsageException {
    ReceiverSources.requireSpareCore(name(), job);
  }

  @Override
  public OpenedSource open(Settings s, Options o, RunState run) {
    String host = s.host();
    int port = s.port();
    warnIfUnresolvable(host, port);
    StorageLevel level = ReceiverSources.storageLevel(o.master());
    return new SocketLines(host, port, level, "reading lines from " + host + ":" + port, null);
  }

  /**
   * A name that does not resolve is not a usage error (DNS may come back, like a server that is
   * not up yet), but the receiver alone would retry it without a word: say so once, at start.
   */
  private static void warnIfUnresolvable(String host, int port) {
    try {
      InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      System.err.println(unresolvableLine(host, port));
    }
  }

  /** The line printed when {@code host} does not resolve; public for the tests that expect it. */
  public static String unresolvableLine(String host, int port) {
    return "socket source: host name '" + host + "' does not resolve; retrying " + host + ":" + port
        + " every 2 s as for a refused connection (check --host)";
  }
}
