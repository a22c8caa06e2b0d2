package dstream.wordcount.sources;

import dstream.wordcount.cli.OptionNames;
import dstream.wordcount.cli.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The registry of sources, keyed by their {@code --source} name. */
public final class Sources {
  private static final Map<String, Source> BY_NAME = new LinkedHashMap<>();

  static {
    register(new DemoSource());
    register(new SocketSource());
    register(new ReplaySource());
    register(new FilesSource());
    register(new KafkaSource());
  }

  private Sources() {}

  private static void register(Source s) {
    BY_NAME.put(s.name(), s);
  }

  /** The source called {@code name}. */
  public static Source byName(String name) throws UsageException {
    Source s = BY_NAME.get(name);
    if (s == null) {
      throw new UsageException(
          "unknown --" + OptionNames.SOURCE + " '" + name + "'; choose one of "
              + String.join(", ", BY_NAME.keySet()));
    }
    return s;
  }

  /** All registered sources, in registration order. */
  public static Iterable<Source> all() {
    return BY_NAME.values();
  }
}
