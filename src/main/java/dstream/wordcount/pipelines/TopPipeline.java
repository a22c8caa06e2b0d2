package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.StopWordList;
import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.results.ResultKind;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.PriorityQueue;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.streaming.api.java.JavaDStream;
import scala.Tuple2;

/**
 * {@code top}: the {@code --top N} most frequent words of each sliding window, ranked by count,
 * then by word (so of several words tied at the cut, the alphabetically first are kept). The file
 * output is {@code (word,count)} in rank order.
 *
 * <p>Technique: the windowed counts of {@code window}, then {@code transform} with a per-RDD
 * ranking: each partition keeps its own best N, the partials meet in one partition that keeps the
 * best N in order. Nothing but N words per partition moves, and no Spark job runs while the batch
 * is being generated. Run it: {@code bin/run-wordcount --pipeline top --top 3}.
 */
public final class TopPipeline extends WindowedPipeline<TopPipeline.Settings> {
  public static final OptionSpec TOP =
      OptionSpec.number("top", "N", "words shown per window", "10").shaping();

  /** The tokenizer, the stop words, the window and how many words are kept. */
  public record Settings(Tokenizer tokenizer, StopWordList stopWords, SlidingWindow windows,
      int top) implements SlidingWindow.Holder, PipelineOptions.Counting {
    static Settings of(OptionValues v) throws UsageException {
      Tokenizer t = PipelineOptions.tokenizer(v);
      return new Settings(t, PipelineOptions.stopWords(v, t),
          SlidingWindow.parse(v, PipelineOptions.WINDOW, PipelineOptions.SLIDE),
          v.integer(TOP, 1, Integer.MAX_VALUE));
    }
  }

  public TopPipeline() {
    super("top", ResultKind.COUNTS,
        "the --top N most frequent words per window (window, transform with a ranking)",
        Settings::of, PipelineOptions.TOKENIZER, PipelineOptions.STOPWORDS, PipelineOptions.WINDOW,
        PipelineOptions.SLIDE, TOP,
        PipelineOptions.CHECKPOINT_INTERVAL);
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    int n = s.top();
    return PipelineOutput.counts(
        WindowedStreams.wordCounts(lines, s.tokenizer(), s.stopWords(), s.windows())
            .transformToPair(counts -> top(counts, n)));
  }

  public static JavaPairRDD<String, Long> top(JavaPairRDD<String, Long> counts, int n) {
    return counts.mapPartitionsToPair(part -> best(part, n))
        .coalesce(1)
        .mapPartitionsToPair(part -> best(part, n));
  }

  /** The best {@code n} of {@code counts} in rank order, by a bounded heap. */
  static Iterator<Tuple2<String, Long>> best(Iterator<Tuple2<String, Long>> counts, int n) {
    // The heap's head is the worst of those kept, so it is the one a better count replaces.
    PriorityQueue<Tuple2<String, Long>> kept =
        new PriorityQueue<>(WordCountTupleOrder.INSTANCE.reversed());
    while (counts.hasNext()) {
      kept.add(counts.next());
      if (kept.size() > n) {
        kept.poll();
      }
    }
    List<Tuple2<String, Long>> ranked = new ArrayList<>(kept);
    ranked.sort(WordCountTupleOrder.INSTANCE);
    return ranked.iterator();
  }
}
