package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.BatchStats;
import dstream.wordcount.core.StopWordList;
import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.core.WindowStats;
import dstream.wordcount.results.ResultKind;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * {@code stats}: one line per batch with lines, words, distinct words, mean/max/min count per word
 * (with the words) and words per second; with {@code --window D --slide D}, one line per sliding
 * window with the same figures over the window plus the course labs' "total, average, max, min per
 * second" of its batches ({@link WindowStats#format}).
 *
 * <p>Technique, per batch: {@code transform}, a per-batch RDD function: partial {@link BatchStats}
 * per partition are merged into one, so nothing but one small object per partition reaches the
 * driver. An empty batch still gets its line. Run it: {@code bin/run-wordcount --pipeline stats}.
 *
 * <p>Technique, per window: {@code reduceByWindow} over per-batch summaries, with and without an
 * inverse. Each batch becomes one {@link WindowStats#ofBatch} (its lines and words). The sums
 * (lines, words, batches) go through {@code reduceByWindow(merge, subtract, window, slide)}: each
 * slide adds the summaries entering and subtracts those leaving. The highest and lowest words of a
 * batch cannot: once the batch holding the maximum leaves, the running value does not know the
 * second highest, so there is no inverse; they go through {@code reduceByWindow(merge, window,
 * slide)}, which reduces the window's summaries again each slide (one tiny object per batch, so
 * that costs nothing). Distinct words and the max/min count per word need each word's count over
 * the whole window, which no per-batch summary can hold without holding the words themselves: they
 * come from the windowed word counts of {@code window} ({@code reduceByKeyAndWindow} with inverse
 * and filter, stop words removed per batch), summarized per window as a batch is. One
 * {@code reduce} of the union of the three puts each window's line together. Run it:
 * {@code bin/run-wordcount --pipeline stats --window 10s --slide 5s}.
 */
public final class StatsPipeline extends PipelinePlugin<StatsPipeline.Settings> {
  /** No window unless asked for: plain {@code stats} is per batch. */
  static final OptionSpec WINDOW = PipelineOptions.OPTIONAL_WINDOW;
  static final OptionSpec SLIDE = PipelineOptions.OPTIONAL_SLIDE;

  /** The tokenizer, the stop words and the window ({@link OptionalWindow}). */
  public record Settings(Tokenizer tokenizer, StopWordList stopWords, OptionalWindow window)
      implements PipelineOptions.Counting, OptionalWindow.Holder {
    static Settings of(OptionValues v) throws UsageException {
      Tokenizer t = PipelineOptions.tokenizer(v);
      return new Settings(t, PipelineOptions.stopWords(v, t), OptionalWindow.parse(v, true));
    }
  }

  public StatsPipeline() {
    super("stats", ResultKind.STATS,
        "per batch (or per --window): lines, words, distinct, mean/max/min per word,"
        + " words/s (transform; reduceByWindow)",
        Settings::of, PipelineOptions.TOKENIZER, PipelineOptions.STOPWORDS, WINDOW, SLIDE,
        PipelineOptions.CHECKPOINT_INTERVAL);
  }

  @Override
  public void validate(Settings s, Options job) throws UsageException {
    s.window().validate(name(), job.batchMs());
  }

  /** The windowed form keeps inverse-reduced state, which Spark must checkpoint. */
  @Override
  public boolean needsCheckpoint(Settings s) {
    return s.windows() != null;
  }

  @Override
  public long batchesAfterInput(Settings s, Options job) {
    return s.window().batchesAfterInput(job.batchMs());
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, Settings s, Options job) {
    double batchSeconds = job.batchMs() / 1000.0;
    JavaPairDStream<String, Long> counts =
        StopWords.remove(WordCounting.countLines(lines, s.tokenizer()), s.stopWords());
    if (s.windows() == null) {
      return PipelineOutput.stats(summarize(counts, lines), batchSeconds);
    }
    SlidingWindow w = s.windows();
    JavaDStream<WindowStats> perBatch =
        summarize(counts, lines).map(StatsPipeline::batchSummary).cache();
    JavaDStream<WindowStats> sums = WindowedStreams.reduceByWindow(
        perBatch.map(WindowStats::sums), WindowStats::merge, WindowStats::subtract, w);
    JavaDStream<WindowStats> extremes = WindowedStreams.reduceByWindow(
        perBatch.map(WindowStats::extremes), WindowStats::merge, w);
    JavaDStream<WindowStats> wordStats = WindowedStreams.windowCounts(counts, w)
        .mapPartitions(StatsPipeline::statsOfCounts)
        .transform(StatsPipeline::withEmptyStats)
        .reduce(BatchStats::merge)
        .map(WindowStats::ofWords);
    return PipelineOutput.windowStats(
        sums.union(extremes).union(wordStats).reduce(WindowStats::merge), batchSeconds);
  }

  /** One {@link BatchStats} per batch, also for a batch without any partition. */
  private static JavaDStream<BatchStats> summarize(JavaPairDStream<String, Long> counts,
      JavaDStream<String> lines) {
    JavaDStream<BatchStats> wordStats = counts.mapPartitions(StatsPipeline::statsOfCounts);
    JavaDStream<BatchStats> lineStats = lines.mapPartitions(StatsPipeline::statsOfLines);
    return wordStats.union(lineStats)
        .transform(StatsPipeline::withEmptyStats)
        .reduce(BatchStats::merge);
  }

  /**
   * One batch's summary from its word counts and its lines, computed now: the RDD form of the
   * per-batch stream above, for an engine that hands over whole batches (Structured Streaming's
   * {@code foreachBatch}).
   */
  public static BatchStats summary(JavaRDD<Tuple2<String, Long>> counts, JavaRDD<String> lines) {
    return withEmptyStats(counts.mapPartitions(StatsPipeline::statsOfCounts)
        .union(lines.mapPartitions(StatsPipeline::statsOfLines)))
        .reduce(BatchStats::merge);
  }

  /**
   * One window's summary from the lines and words of each of its batches and the window's word
   * counts, computed now: the RDD form of the windowed stream above, for an engine that hands
   * over whole windows (Structured Streaming's {@code foreachBatch}).
   */
  public static WindowStats windowSummary(List<WindowStats> batches,
      JavaRDD<Tuple2<String, Long>> windowCounts) {
    WindowStats window = WindowStats.ofWords(
        withEmptyStats(windowCounts.mapPartitions(StatsPipeline::statsOfCounts))
            .reduce(BatchStats::merge));
    for (WindowStats batch : batches) {
      window = WindowStats.merge(window, batch);
    }
    return window;
  }

  static WindowStats batchSummary(BatchStats b) {
    return WindowStats.ofBatch(b.lines(), b.words());
  }

  static Iterator<BatchStats> statsOfCounts(Iterator<Tuple2<String, Long>> counts) {
    BatchStats s = new BatchStats();
    while (counts.hasNext()) {
      Tuple2<String, Long> c = counts.next();
      s.addWord(c._1(), c._2());
    }
    return Collections.singletonList(s).iterator();
  }

  static Iterator<BatchStats> statsOfLines(Iterator<String> lines) {
    long n = 0;
    while (lines.hasNext()) {
      lines.next();
      n++;
    }
    return Collections.singletonList(new BatchStats().withLines(n)).iterator();
  }

  /** An input with no partitions would yield no line at all; one empty partial fixes that. */
  static JavaRDD<BatchStats> withEmptyStats(JavaRDD<BatchStats> partials) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(partials.context());
    return partials.union(sc.parallelize(List.of(new BatchStats()), 1));
  }
}
