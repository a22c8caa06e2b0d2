package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Registry;
import dstream.wordcount.cli.UsageException;
import java.util.List;

/** The registry of pipelines, keyed by their {@code --pipeline} name; the first is the default. */
public final class Pipelines {
  private static final Registry<Pipeline<?>> REGISTRY = new Registry<>("pipeline",
      new CountPipeline(),
      new FilterPipeline(),
      new GrepPipeline(),
      new StatsPipeline(),
      new WindowPipeline(),
      new CountWindowPipeline(),
      new ErrorsPipeline(),
      new TopPipeline(),
      new CumulativePipeline(),
      new StatePipeline());

  private Pipelines() {}

  /** The pipeline called {@code name}. */
  public static Pipeline<?> byName(String name) throws UsageException {
    return REGISTRY.byName(name);
  }

  /** All pipelines, in registration order. */
  public static List<Pipeline<?>> all() {
    return REGISTRY.all();
  }
}
