package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionNames;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import java.io.IOException;
import java.net.BindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default source: an embedded {@link WordServer} repeating the lab's three messages every
 * 500 ms, read through the real {@code socketTextStream}, so the job runs with no server to start
 * by hand. It binds a free loopback port, or {@code --port} when given, which a checkpointed job
 * needs because a recovered graph reconnects to the port it was built with.
 */
public final class DemoSource implements Source {
  private static final Logger LOG = LoggerFactory.getLogger(DemoSource.class);
  static final long INTERVAL_MS = 500;

  @Override
  public String name() {
    return "demo";
  }

  @Override
  public String description() {
    return "embedded server repeating the lab's three messages every 500 ms";
  }

  @Override
  public boolean usesReceiver() {
    return true;
  }

  @Override
  public void validate(Options o) throws UsageException {
    ReceiverSources.requireSpareCore(name(), o.master());
  }

  @Override
  public OpenSource open(Options o) throws UsageException, IOException {
    WordServer server = new WordServer(WordServer.DEMO_LINES, INTERVAL_MS, -1, LOG::debug);
    boolean fixedPort = o.isGiven(OptionNames.PORT) || o.checkpoint() != null;
    int port;
    try {
      port = server.start(fixedPort ? o.port() : 0);
    } catch (BindException e) {
      throw new UsageException(
          "demo source: port " + o.port() + " is in use; pick another with --" + OptionNames.PORT);
    }
    String banner = "demo source: built-in server on 127.0.0.1:" + port
        + " repeating \"" + String.join("\", \"", WordServer.DEMO_LINES) + "\" every 500ms";
    return new SocketLines(
        "127.0.0.1", port, ReceiverSources.storageLevel(o.master()), banner, server);
  }
}
