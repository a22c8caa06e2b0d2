package dstream.wordcount.sources;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import org.apache.spark.storage.StorageLevel;

/**
 * Lines from any TCP line server such as {@code nc -lk 9999}, read by Spark's own
 * {@code socketTextStream} receiver. When nothing listens, the receiver restarts itself every two
 * seconds and the driver prints how to start a server (see {@code runtime.ReceiverWatch}).
 */
public final class SocketSource implements Source {
  @Override
  public String name() {
    return "socket";
  }

  @Override
  public String description() {
    return "lines from a TCP server (--host, --port), e.g. nc -lk 9999";
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
  public OpenSource open(Options o) {
    String host = o.host();
    int port = o.port();
    StorageLevel level = ReceiverSources.storageLevel(o.master());
    return new SocketLines(host, port, level, "reading lines from " + host + ":" + port, null);
  }
}
