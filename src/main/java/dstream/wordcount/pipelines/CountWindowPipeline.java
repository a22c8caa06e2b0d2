package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code count-window}: the total number of words in each sliding window, one number per window
 * (0 for a window without words).
 *
 * <p>Technique: {@code countByWindow}, which Spark computes incrementally like
 * {@code reduceByWindow} with an inverse function (add what enters, subtract what leaves), hence a
 * checkpoint. Run it: {@code bin/run-wordcount --pipeline count-window --window 10s --slide 5s}.
 */
public final class CountWindowPipeline extends WindowedPipeline {
  @Override
  public String name() {
    return "count-window";
  }

  @Override
  public String description() {
    return "total words per sliding window (countByWindow)";
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Options o) {
    JavaDStream<Long> perWindow =
        Windows.countByWindow(WordCounting.words(lines, o.tokenizer()), o);
    return PipelineOutput.numbers(perWindow);
  }
}
