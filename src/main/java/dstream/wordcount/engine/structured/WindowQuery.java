package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.pipelines.PipelineOptions;

/**
 * {@code window} on the structured engine: word counts per time window, {@code window()} +
 * {@code groupBy(window, word).count()} over each line's batch time with a watermark, each window
 * emitted once, complete ({@link TimeWindows}). Where the DStream twin adds the batches entering
 * a window and subtracts those leaving it (the inverse function), Spark keeps a count per window
 * and word and drops a window's rows once the watermark has passed it.
 * Twin of {@link dstream.wordcount.pipelines.WindowPipeline}.
 */
final class WindowQuery implements StructuredPipeline<PipelineOptions.WordWindows> {
  @Override
  public Query plan(StreamLines lines, PipelineOptions.WordWindows s, Options job) {
    return Query.windowed(
        TimeWindows.wordCounts(lines, s.tokenizer(), s.stopWords(), s.windows()),
        Words::tuples, Query.Alerts.NONE);
  }
}
