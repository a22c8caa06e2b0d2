package dstream.wordcount.pipelines;

import dstream.wordcount.core.StopWordList;
import dstream.wordcount.core.Tokenizer;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.dstream.DStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * The two windowed DStream builders the windowed pipelines share: the windowed word count with an
 * inverse function, and {@code countByWindow} with one number per window. The window itself and
 * its checkpoint policy are {@link SlidingWindow}.
 */
final class WindowedStreams {
  private static final Logger LOG = LoggerFactory.getLogger(WindowedStreams.class);
  private WindowedStreams() {}

  private static Duration window(SlidingWindow w) {
    return Durations.milliseconds(w.windowMs());
  }

  private static Duration slide(SlidingWindow w) {
    return Durations.milliseconds(w.slideMs());
  }

  /**
   * Word counts of the words of {@code lines} per window, stop words removed per batch first. Each slide adds the counts of the batches entering the window and
   * subtracts those leaving it (the inverse function), so its cost follows the data that moves,
   * not the window length; words whose count fell to zero are dropped from the state and the
   * output (the filter function), never shown as {@code (word,0)}.
   */
  static JavaPairDStream<String, Long> wordCounts(
      JavaDStream<String> lines, Tokenizer tokenizer, StopWordList stopWords, SlidingWindow o) {
    return windowCounts(StopWords.remove(WordCounting.countLines(lines, tokenizer), stopWords), o);
  }

  /** {@link #wordCounts} of per-batch counts already made (and stop words already removed). */
  static JavaPairDStream<String, Long> windowCounts(
      JavaPairDStream<String, Long> batchCounts, SlidingWindow o) {
    int partitions = batchCounts.context().sparkContext().defaultParallelism();
    JavaPairDStream<String, Long> windowed = batchCounts
        .reduceByKeyAndWindow(Long::sum, WindowedStreams::minus, window(o), slide(o), partitions,
            WindowedStreams::isPositive);
    windowed.checkpoint(Durations.milliseconds(o.checkpointMs()));
    return windowed;
  }

  /**
   * {@code reduceByWindow} with an inverse: each slide adds the elements entering the window and
   * subtracts those leaving it. Spark keeps the running value as a keyed windowed reduce, whose
   * state is checkpointed like the word counts'.
   */
  static <T> JavaDStream<T> reduceByWindow(JavaDStream<T> elements,
      Function2<T, T, T> reduce,
      Function2<T, T, T> inverse, SlidingWindow o) {
    JavaDStream<T> reduced = elements.reduceByWindow(reduce, inverse, window(o), slide(o));
    checkpointWindowState(reduced.dstream(), Durations.milliseconds(o.checkpointMs()));
    return reduced;
  }

  /** {@code reduceByWindow} without an inverse: each slide reduces the window's elements anew. */
  static <T> JavaDStream<T> reduceByWindow(JavaDStream<T> elements,
      Function2<T, T, T> reduce, SlidingWindow o) {
    return elements.reduceByWindow(reduce, window(o), slide(o));
  }

  static Long minus(Long a, Long b) {
    return a - b;
  }

  static boolean isPositive(Tuple2<String, Long> count) {
    return count._2() > 0;
  }

  /**
   * {@code countByWindow} with exactly one number per window. Spark's version yields nothing for a
   * window before any element arrived but 0 once elements left it; adding a 0 to every window
   * makes both read 0.
   */
  static JavaDStream<Long> countByWindow(JavaDStream<String> elements, SlidingWindow o) {
    JavaDStream<Long> counts = elements.countByWindow(window(o), slide(o));
    checkpointWindowState(counts.dstream(), Durations.milliseconds(o.checkpointMs()));
    return counts.transform(WindowedStreams::withZero).reduce(Long::sum);
  }

  static JavaRDD<Long> withZero(JavaRDD<Long> counts) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(counts.context());
    return counts.union(sc.parallelize(List.of(0L), 1));
  }

  /**
   * countByWindow (and reduceByWindow with an inverse) keeps its running value in a windowed
   * reduce below a couple of maps and returns
   * no handle on it; the interval is set on that stream, found through the public
   * {@code dependencies()}. Should Spark ever build it differently, its own default interval (at
   * least 10 s) applies and we say so.
   */
  private static void checkpointWindowState(DStream<?> result, Duration interval) {
    DStream<?> d = result;
    while (d != null) {
      if (d.getClass().getSimpleName().equals("ReducedWindowedDStream")) {
        d.checkpoint(interval);
        return;
      }
      d = d.dependencies().size() == 1 ? d.dependencies().head() : null;
    }
    LOG.warn("countByWindow's state stream not found; Spark's default checkpoint interval applies");
  }
}
