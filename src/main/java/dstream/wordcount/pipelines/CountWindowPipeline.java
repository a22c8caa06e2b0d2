package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.Tokenizer;
import java.util.List;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code count-window}: the total number of words in each sliding window, one number per window
 * (0 for a window without words).
 *
 * <p>Technique: {@code countByWindow}, which Spark computes incrementally like
 * {@code reduceByWindow} with an inverse function (add what enters, subtract what leaves), hence a
 * checkpoint. Run it: {@code bin/run-wordcount --pipeline count-window --window 10s --slide 5s}.
 */
public final class CountWindowPipeline extends WindowedPipeline<CountWindowPipeline.Settings> {
  /** The tokenizer and the window. */
  public record Settings(Tokenizer tokenizer, WindowSettings windows) {}

  @Override
  public String name() {
    return "count-window";
  }

  @Override
  public String description() {
    return "total words per sliding window (countByWindow)";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(PipelineOptions.TOKENIZER, PipelineOptions.WINDOW, PipelineOptions.SLIDE,
        PipelineOptions.CHECKPOINT_INTERVAL);
  }

  @Override
  public Settings settings(OptionValues v) throws UsageException {
    return new Settings(PipelineOptions.tokenizer(v),
        WindowSettings.parse(v, PipelineOptions.WINDOW, PipelineOptions.SLIDE));
  }

  @Override
  WindowSettings windows(Settings s) {
    return s.windows();
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    JavaDStream<Long> perWindow =
        Windows.countByWindow(WordCounting.words(lines, s.tokenizer()), s.windows());
    return PipelineOutput.numbers(perWindow);
  }
}
