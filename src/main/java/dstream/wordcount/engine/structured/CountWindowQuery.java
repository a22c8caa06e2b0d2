package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.pipelines.PipelineOptions;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code count-window} on the structured engine: the words of each time window, as the sum over
 * its lines of each line's words ({@code window()} + {@code groupBy(window).agg(sum)}), so that
 * a window of empty lines reads 0, as {@code countByWindow} does.
 * Twin of {@link dstream.wordcount.pipelines.CountWindowPipeline}.
 */
final class CountWindowQuery implements StructuredPipeline<PipelineOptions.WordWindows> {
  @Override
  public Query plan(StreamLines lines, PipelineOptions.WordWindows s, Options job) {
    Tokenizer tokenizer = s.tokenizer();
    Set<String> stopWords = new HashSet<>(s.stopWords().words());
    TimeWindows.PerLine words = line -> {
      long n = 0;
      for (String word : tokenizer.tokenize(line)) {
        if (!stopWords.contains(word)) {
          n++;
        }
      }
      return n;
    };
    return Query.windowed(TimeWindows.sums(lines.timed(), words, s.windows()),
        TimeWindows::number, Query.Alerts.NONE);
  }

  @Override
  public long drainBatches(PipelineOptions.WordWindows s, Options job) {
    return TimeWindows.drainBatches(s.windows(), job.batchMs());
  }
}
