package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.Tokenizer;
import java.util.List;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code window}: word counts over a sliding window, the lab's "count words in 10-second windows
 * every 5 seconds".
 *
 * <p>Technique: {@code reduceByKeyAndWindow(reduce, inverse, window, slide, partitions, filter)}.
 * Each slide adds the batches entering the window and subtracts those leaving it, so its cost
 * follows the data that moves rather than the window length; the filter drops words whose count
 * fell to zero, so a word that left the window disappears instead of showing {@code (word,0)}.
 * The inverse needs the previous window, hence a checkpoint. Run it:
 * {@code bin/run-wordcount --pipeline window --window 10s --slide 5s}.
 */
public final class WindowPipeline extends WindowedPipeline<WindowPipeline.Settings> {
  /** The tokenizer and the window. */
  public record Settings(Tokenizer tokenizer, WindowSettings windows) {}

  @Override
  public String name() {
    return "window";
  }

  @Override
  public String description() {
    return "words per sliding window (reduceByKeyAndWindow with inverse and filter)";
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
    return PipelineOutput.counts(Windows.wordCounts(lines, s.tokenizer(), s.windows()));
  }
}
