package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code count}: words per batch, the classic network word count.
 *
 * <p>Technique: {@code flatMap} lines into words, pair each word with 1, {@code reduceByKey}, the
 * way Spark's examples write it; here fused into one pass per partition that counts into a local
 * map before the shuffle ({@link WordCounting#countLines}), which is what makes it fast.
 * Run it: {@code bin/run-wordcount --pipeline count}.
 */
public final class CountPipeline extends PipelinePlugin<PipelineOptions.Words> {
  public CountPipeline() {
    super("count", ResultKind.COUNTS, "words per batch (flatMap, mapToPair, reduceByKey)",
        PipelineOptions.Words::of, PipelineOptions.TOKENIZER, PipelineOptions.STOPWORDS);
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, PipelineOptions.Words s, Options job) {
    return PipelineOutput.counts(
        StopWords.remove(WordCounting.countLines(lines, s.tokenizer()), s.stopWords()));
  }
}
