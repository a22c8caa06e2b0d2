package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionNames;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.DurationText;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.Duration;
import org.apache.spark.streaming.Durations;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import org.apache.spark.streaming.dstream.DStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Tuple2;

/**
 * What the windowed pipelines share: the checks on {@code --window}/{@code --slide}, the windowed
 * word count with an inverse function, {@code countByWindow} with one number per window, and the
 * checkpoint interval of their state.
 *
 * <p>Spark emits a window at every batch time {@code t} with {@code t - zeroTime} a multiple of
 * the slide, where {@code zeroTime} is one batch before the first batch: the first window ends
 * {@code slide} after that, i.e. it covers the first {@code slide / batch} batches. A window ending
 * at {@code t} holds the batches in {@code (t - window, t]}.
 */
final class Windows {
  private static final Logger LOG = LoggerFactory.getLogger(Windows.class);
  /** Checkpoint the state every this many slides: Spark's guide advises 5 to 10. */
  static final int SLIDES_PER_CHECKPOINT = 5;

  private Windows() {}

  /** Window and slide are multiples of the batch, the slide at most the window. */
  static void validate(Options o) throws UsageException {
    requireMultiple(OptionNames.WINDOW, o.windowMs(), OptionNames.BATCH, o.batchMs());
    requireMultiple(OptionNames.SLIDE, o.slideMs(), OptionNames.BATCH, o.batchMs());
    if (o.slideMs() > o.windowMs()) {
      throw new UsageException("--" + OptionNames.SLIDE + " " + DurationText.format(o.slideMs())
          + " is longer than --" + OptionNames.WINDOW + " " + DurationText.format(o.windowMs())
          + ": the slide must be at most the window");
    }
    if (o.checkpointIntervalMs() > 0) {
      requireMultiple(OptionNames.CHECKPOINT_INTERVAL, o.checkpointIntervalMs(),
          OptionNames.SLIDE, o.slideMs());
    }
  }

  /**
   * Refuses {@code value} unless it is a positive multiple of {@code unit}, suggesting the nearest
   * multiples.
   */
  static void requireMultiple(String option, long value, String unitOption, long unit)
      throws UsageException {
    if (value % unit == 0) {
      return;
    }
    long below = value / unit * unit;
    long above = below + unit;
    String hint = below > 0
        ? DurationText.format(below) + " or " + DurationText.format(above)
        : DurationText.format(above);
    throw new UsageException("--" + option + " " + DurationText.format(value)
        + " is not a multiple of --" + unitOption + " " + DurationText.format(unit)
        + "; use e.g. " + hint);
  }

  static Duration window(Options o) {
    return Durations.milliseconds(o.windowMs());
  }

  static Duration slide(Options o) {
    return Durations.milliseconds(o.slideMs());
  }

  /** {@code --checkpoint-interval}, else {@value #SLIDES_PER_CHECKPOINT} slides. */
  static Duration checkpointInterval(Options o) {
    long ms = o.checkpointIntervalMs() > 0
        ? o.checkpointIntervalMs() : SLIDES_PER_CHECKPOINT * o.slideMs();
    return Durations.milliseconds(ms);
  }

  /**
   * The last window holding the last input batch ends at most {@code window - batch} after it, so
   * a finite source runs that many batches more.
   */
  static long batchesAfterInput(Options o) {
    return o.windowMs() / o.batchMs() - 1;
  }

  /**
   * Word counts of the words of {@code lines} per window. Each slide adds the counts of the batches entering the window and
   * subtracts those leaving it (the inverse function), so its cost follows the data that moves,
   * not the window length; words whose count fell to zero are dropped from the state and the
   * output (the filter function), never shown as {@code (word,0)}.
   */
  static JavaPairDStream<String, Long> wordCounts(JavaDStream<String> lines, Options o) {
    int partitions = lines.context().sparkContext().defaultParallelism();
    JavaPairDStream<String, Long> windowed = WordCounting.countLines(lines, o.tokenizer())
        .reduceByKeyAndWindow(Long::sum, Windows::minus, window(o), slide(o), partitions,
            Windows::isPositive);
    windowed.checkpoint(checkpointInterval(o));
    return windowed;
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
  static JavaDStream<Long> countByWindow(JavaDStream<String> elements, Options o) {
    JavaDStream<Long> counts = elements.countByWindow(window(o), slide(o));
    checkpointWindowState(counts.dstream(), checkpointInterval(o));
    return counts.transform(Windows::withZero).reduce(Long::sum);
  }

  static JavaRDD<Long> withZero(JavaRDD<Long> counts) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(counts.context());
    return counts.union(sc.parallelize(List.of(0L), 1));
  }

  /**
   * countByWindow keeps its running count in a windowed reduce below a couple of maps and returns
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
