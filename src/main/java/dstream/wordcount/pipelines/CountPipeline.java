package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code count}: words per batch, the classic network word count.
 *
 * <p>Technique: {@code flatMap} lines into words, pair each word with 1, {@code reduceByKey}.
 * Run it: {@code bin/run-wordcount --pipeline count}.
 */
public final class CountPipeline implements Pipeline {
  @Override
  public String name() {
    return "count";
  }

  @Override
  public String description() {
    return "words per batch (flatMap, mapToPair, reduceByKey)";
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Options o) {
    return PipelineOutput.counts(
        WordCounting.countWords(WordCounting.words(lines, o.tokenizer())));
  }
}
