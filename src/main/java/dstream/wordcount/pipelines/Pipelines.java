package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Registry;

/** The registry of pipelines, keyed by their {@code --pipeline} name; the first is the default. */
public final class Pipelines {
  public static final Registry<Pipeline<?>> REGISTRY = new Registry<>("pipeline",
      new CountPipeline(),
      new FilterPipeline(),
      new GrepPipeline(),
      new StatsPipeline(),
      new WindowPipeline(),
      new CountWindowPipeline(),
      new ErrorsPipeline(),
      new TopPipeline(),
      new CumulativePipeline(),
      new StatePipeline(),
      new SqlPipeline());

  private Pipelines() {}
}
