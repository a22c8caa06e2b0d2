package dstream.wordcount.sources;

import dstream.wordcount.cli.Registry;
import dstream.wordcount.cli.UsageException;
import java.util.List;

/** The registry of sources, keyed by their {@code --source} name; the first is the default. */
public final class Sources {
  private static final Registry<Source<?>> REGISTRY = new Registry<>("source",
      new DemoSource(),
      new SocketSource(),
      new ReplaySource(),
      new FilesSource(),
      new KafkaSource());

  private Sources() {}

  /** The source called {@code name}. */
  public static Source<?> byName(String name) throws UsageException {
    return REGISTRY.byName(name);
  }

  /** All sources, in registration order. */
  public static List<Source<?>> all() {
    return REGISTRY.all();
  }
}
