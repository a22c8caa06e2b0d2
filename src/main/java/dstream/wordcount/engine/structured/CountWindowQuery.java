package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.pipelines.PipelineOptions;

/**
 * {@code count-window} on the structured engine: the words of each time window, as the sum over
 * its lines of each line's words ({@code window()} + {@code groupBy(window).agg(sum)}), so that
 * a window of empty lines reads 0, as {@code countByWindow} does.
 * Twin of {@link dstream.wordcount.pipelines.CountWindowPipeline}.
 */
final class CountWindowQuery implements StructuredPipeline<PipelineOptions.WordWindows> {
  @Override
  public Query plan(StreamLines lines, PipelineOptions.WordWindows s, Options job) {
    return Query.windowed(TimeWindows.sums(lines,
        TimeWindows.words(s.tokenizer(), s.stopWords()), s.windows()),
        TimeWindows::number, Query.Alerts.NONE);
  }
}
