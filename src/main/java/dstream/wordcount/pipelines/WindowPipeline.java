package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code window}: word counts over a sliding window, e.g. words in 10-second windows every 5
 * seconds.
 *
 * <p>Technique: {@code reduceByKeyAndWindow(reduce, inverse, window, slide, partitions, filter)}.
 * Each slide adds the batches entering the window and subtracts those leaving it, so its cost
 * follows the data that moves rather than the window length; the filter drops words whose count
 * fell to zero, so a word that left the window disappears instead of showing {@code (word,0)}.
 * The inverse needs the previous window, hence a checkpoint. Run it:
 * {@code bin/run-wordcount --pipeline window --window 10s --slide 5s}.
 */
public final class WindowPipeline extends WindowedPipeline<PipelineOptions.WordWindows> {
  public WindowPipeline() {
    super("window", ResultKind.COUNTS,
        "words per sliding window (reduceByKeyAndWindow with inverse and filter)",
        PipelineOptions.WordWindows::of, PipelineOptions.WordWindows.options());
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, PipelineOptions.WordWindows s, Options job) {
    return PipelineOutput.counts(WindowedStreams.wordCounts(lines, s.tokenizer(), s.stopWords(), s.windows()));
  }
}
