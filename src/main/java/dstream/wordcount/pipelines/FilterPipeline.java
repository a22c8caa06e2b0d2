package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * {@code filter}: words per batch with short words dropped, the lab's "drop words shorter than 3
 * characters". Length counts Unicode code points, so "été" has three.
 *
 * <p>Technique: {@code filter} on the word stream before counting. Run it:
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
    JavaDStream<String> longWords = WordCounting.words(lines, o.tokenizer())
        .filter(w -> w.codePointCount(0, w.length()) >= minLength);
    return PipelineOutput.counts(WordCounting.countWords(longWords));
  }
}
