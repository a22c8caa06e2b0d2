package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.StopWordList;
import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

/**
 * {@code filter}: words per batch with short words dropped (by default those shorter than 3
 * characters). Length counts Unicode code points, so "été" has three.
 *
 * <p>Technique: {@code filter} on the counted stream. Filtering after counting gives the same counts
 * as filtering the words first (the test depends on the word alone), but lets the lines be counted
 * by {@link WordCounting#countLines} without a {@code String} per word; only the few distinct short
 * words of each partition travel to the shuffle before being dropped. Run it:
 * {@code bin/run-wordcount --pipeline filter --min-length 4}.
 */
public final class FilterPipeline extends PipelinePlugin<FilterPipeline.Settings> {
  public static final OptionSpec MIN_LENGTH = OptionSpec.number(
      "min-length", "N", "keep words of at least N characters", "3").shaping();

  /** The tokenizer and the shortest word kept. */
  public record Settings(Tokenizer tokenizer, StopWordList stopWords, int minLength)
      implements PipelineOptions.Counting {
    static Settings of(OptionValues v) throws UsageException {
      Tokenizer t = PipelineOptions.tokenizer(v);
      return new Settings(t, PipelineOptions.stopWords(v, t),
          v.integer(MIN_LENGTH, 1, Integer.MAX_VALUE));
    }
  }

  public FilterPipeline() {
    super("filter", ResultKind.COUNTS,
        "words per batch, words shorter than --min-length dropped (filter)",
        Settings::of, PipelineOptions.TOKENIZER, PipelineOptions.STOPWORDS, MIN_LENGTH);
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    int minLength = s.minLength();
    JavaPairDStream<String, Long> longWords =
        StopWords.remove(WordCounting.countLines(lines, s.tokenizer()), s.stopWords())
        .filter(c -> c._1().codePointCount(0, c._1().length()) >= minLength);
    return PipelineOutput.counts(longWords);
  }
}
