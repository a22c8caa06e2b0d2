package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import java.io.IOException;
import java.net.BindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default source: an embedded {@link WordServer} repeating the three demo messages every
 * 500 ms, read through the real {@code socketTextStream}, so the job runs with no server to start
 * by hand. It binds a free loopback port, or {@code --port} when given, which a checkpointed job
 * needs because a recovered graph reconnects to the port it was built with.
 */
public final class DemoSource extends Plugin<DemoSource.Settings>
    implements Source<DemoSource.Settings> {
  public static final OptionSpec PORT = OptionSpec.number("port", "PORT",
      "port of the embedded server when given or with --checkpoint (otherwise a free one)", "9999")
      .shaping();

  /** The port, and whether it must be that one (given, or a checkpointed job). */
  public record Settings(int port, boolean portGiven) {}

  private static final Logger LOG = LoggerFactory.getLogger(DemoSource.class);
  static final long INTERVAL_MS = 500;

  public DemoSource() {
    super("demo", "embedded server repeating three demo messages every 500 ms",
        v -> new Settings(v.integer(PORT, 1, 65535), v.given(PORT.name())), PORT);
  }

  @Override
  public void validate(Settings s, Options job) throws UsageException {
    ReceiverSources.requireSpareCore(name(), job);
  }

  @Override
  public OpenedSource open(Settings s, Options o, RunState run) throws UsageException, IOException {
    Server started = start(s, o);
    return new SocketLines("127.0.0.1", started.port(),
        ReceiverSources.storageLevel(o.master()), started.banner(), started.server());
  }

  /**
   * The embedded server of one run, started on loopback: on {@code --port} when given or with
   * {@code --checkpoint} (a recovered job reconnects to the same port), else on a free port.
   */
  public static Server start(Settings s, Options o) throws UsageException, IOException {
    WordServer server = new WordServer(WordServer.DEMO_LINES, INTERVAL_MS, -1, LOG::debug);
    boolean fixedPort = s.portGiven() || o.checkpoint() != null;
    int port;
    try {
      port = server.start(fixedPort ? s.port() : 0);
    } catch (BindException e) {
      throw new UsageException(
          "demo source: port " + s.port() + " is in use; pick another with --" + PORT.name());
    }
    String banner = "demo source: built-in server on 127.0.0.1:" + port
        + " repeating \"" + String.join("\", \"", WordServer.DEMO_LINES) + "\" every 500ms";
    return new Server(server, port, banner);
  }

  /** A started demo server, the port it listens on and the line that says so. */
  public record Server(WordServer server, int port, String banner) {}
}
