package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.Tokenizer;
import java.util.List;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code count}: words per batch, the classic network word count.
 *
 * <p>Technique: {@code flatMap} lines into words, pair each word with 1, {@code reduceByKey}, the
 * way Spark's examples write it; here fused into one pass per partition that counts into a local
 * map before the shuffle ({@link WordCounting#countLines}), which is what makes it fast.
 * Run it: {@code bin/run-wordcount --pipeline count}.
 */
public final class CountPipeline implements Pipeline<CountPipeline.Settings> {
  /** The tokenizer. */
  public record Settings(Tokenizer tokenizer) {}

  @Override
  public String name() {
    return "count";
  }

  @Override
  public String description() {
    return "words per batch (flatMap, mapToPair, reduceByKey)";
  }

  @Override
  public List<OptionSpec> options() {
    return List.of(PipelineOptions.TOKENIZER);
  }

  @Override
  public Settings settings(OptionValues v) throws UsageException {
    return new Settings(PipelineOptions.tokenizer(v));
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    return PipelineOutput.counts(
        WordCounting.countLines(lines, s.tokenizer()));
  }
}
