package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

/**
 * {@code filter}: words per batch with short words dropped, the lab's "drop words shorter than 3
 * characters". Length counts Unicode code points, so "été" has three.
 *
 * <p>Technique: {@code filter} on the counted stream. Filtering after counting gives the same counts
 * as filtering the words first (the test depends on the word alone), but lets the lines be counted
 * by {@link WordCounting#countLines} without a {@code String} per word; only the few distinct short
 * words of each partition travel to the shuffle before being dropped. Run it:
 * {@code bin/run-wordcount --pipeline filter --min-length 4}.
 */
public final class FilterPipeline implements Pipeline {
  @Override
  public String name() {
    return "filter";
  }

  @Override
  public String description() {
    return "words per batch, words shorter than --min-length dropped (filter)";
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Options o) {
    int minLength = o.minLength();
    JavaPairDStream<String, Long> longWords = WordCounting.countLines(lines, o.tokenizer())
        .filter(c -> c._1().codePointCount(0, c._1().length()) >= minLength);
    return PipelineOutput.counts(longWords);
  }
}
