package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionNames;
import dstream.wordcount.cli.UsageException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The registry of pipelines, keyed by their {@code --pipeline} name. */
public final class Pipelines {
  private static final Map<String, Pipeline> BY_NAME = new LinkedHashMap<>();

  static {
    register(new CountPipeline());
    register(new FilterPipeline());
    register(new GrepPipeline());
    register(new StatsPipeline());
    register(new WindowPipeline());
    register(new CountWindowPipeline());
    register(new ErrorsPipeline());
    register(new TopPipeline());
    register(new CumulativePipeline());
    register(new StatePipeline());
  }

  private Pipelines() {}

  private static void register(Pipeline p) {
    BY_NAME.put(p.name(), p);
  }

  /** The pipeline called {@code name}. */
  public static Pipeline byName(String name) throws UsageException {
    Pipeline p = BY_NAME.get(name);
    if (p == null) {
      throw new UsageException(
          "unknown --" + OptionNames.PIPELINE + " '" + name + "'; choose one of "
              + String.join(", ", BY_NAME.keySet()));
    }
    return p;
  }

  /** All registered pipelines, in registration order. */
  public static Iterable<Pipeline> all() {
    return BY_NAME.values();
  }
}
