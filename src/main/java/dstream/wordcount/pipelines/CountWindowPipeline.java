package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code count-window}: the total number of words in each sliding window, one number per window
 * (0 for a window without words).
 *
 * <p>Technique: {@code countByWindow}, which Spark computes incrementally like
 * {@code reduceByWindow} with an inverse function (add what enters, subtract what leaves), hence a
 * checkpoint. Run it: {@code bin/run-wordcount --pipeline count-window --window 10s --slide 5s}.
 */
public final class CountWindowPipeline extends WindowedPipeline<PipelineOptions.WordWindows> {
  public CountWindowPipeline() {
    super("count-window", ResultKind.NUMBERS, "total words per sliding window (countByWindow)",
        PipelineOptions.WordWindows::of, PipelineOptions.WordWindows.options());
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, PipelineOptions.WordWindows s, Options job) {
    JavaDStream<Long> perWindow =
        WindowedStreams.countByWindow(
        StopWords.removeWords(WordCounting.words(lines, s.tokenizer()), s.stopWords()), s.windows());
    return PipelineOutput.numbers(perWindow);
  }
}
