package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.core.EventTime;
import dstream.wordcount.core.StopWordList;
import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.pipelines.SlidingWindow;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import scala.Tuple2;

/**
 * What the structured engine's windowed queries share: time windows over each line's batch time
 * ({@code window()} + {@code groupBy}, Structured Streaming's counterpart of
 * {@code reduceByKeyAndWindow} and {@code countByWindow}), with a watermark of 0 so that a window
 * is emitted once, complete, in append mode, as soon as a later batch has moved the time past its
 * end. Spark keeps one state row per window (and word) until then and drops it after, so a long
 * run's state stays as large as the windows open at once.
 *
 * <p>The lines come with their batch's time ({@link StreamLines#timed()}): a window
 * {@code [end - window, end)} holds the batches whose time is in it, the batches a DStream window
 * ending at {@code end} holds, given that a DStream batch's time is its end and ours its start.
 * A tick (a null line) moves the watermark on and counts nowhere: its null word or number is not
 * counted, and a window of ticks alone is dropped after its aggregation. Not before: a filter
 * that does not read the time column is pushed below the watermark by Spark's optimizer, and
 * the ticks would never reach it (the last windows would then wait for ever).
 *
 * <p>Under {@code --event-time} the times are the records' own ({@link StreamLines#eventTime()}):
 * the windows are then Spark's, aligned to the epoch, the watermark is {@code --watermark} (one
 * window by default), and a finite source's ticks carry {@link #END_OF_TIME}.
 */
final class TimeWindows {
  /** The column of a window's end, in ms: the time its result is written at. */
  static final String END = "window_end";
  static final String TIME = "time";
  /** The column of a window's lines ({@link #lines}). */
  static final String LINES = "lines";
  private static final Encoder<Tuple2<String, Timestamp>> TEXT_AT =
      Encoders.tuple(Encoders.STRING(), Encoders.TIMESTAMP());
  private static final Encoder<Tuple2<Long, Timestamp>> NUMBER_AT =
      Encoders.tuple(Encoders.LONG(), Encoders.TIMESTAMP());

  private TimeWindows() {}

  /**
   * Word counts per window: rows ({@link #END}, word, count) of the windows the watermark
   * closed, stop words removed.
   */
  static Dataset<Row> wordCounts(StreamLines lines, Tokenizer tokenizer, StopWordList stopWords,
      SlidingWindow w) {
    Dataset<Row> words = watermarked(lines.timed().as(TEXT_AT)
        .flatMap(new WordsAt(tokenizer, stopWords), TEXT_AT).toDF(Words.WORD, TIME), lines, w);
    return words.groupBy(window(w, lines), words.col(Words.WORD))
        .agg(functions.count(Words.WORD).as("count"))
        .filter(functions.col("count").gt(0))
        .select(end(), functions.col(Words.WORD), functions.col("count"));
  }

  /**
   * The sum of {@code perLine} over each window's lines: rows ({@link #END}, n), one per window
   * holding a line (an empty line counts 0, so its window still has a row).
   */
  static Dataset<Row> sums(StreamLines lines, PerLine perLine, SlidingWindow w) {
    Dataset<Row> numbers = watermarked(lines.timed().as(TEXT_AT)
        .map(new NumberAt(perLine), NUMBER_AT).toDF("n", TIME), lines, w);
    return numbers.groupBy(window(w, lines))
        .agg(functions.sum("n").as("n"), functions.count("n").as("lines"))
        .filter(functions.col("lines").gt(0))
        .select(end(), functions.col("n"));
  }

  /**
   * Batch times after a finite input that emit every window holding it: the last input batch is
   * in windows ending up to {@code window} after its start, and a window is emitted by the first
   * batch that starts with the watermark (the previous batch's time) at its end or past it.
   * Under {@code --event-time}, {@link #EVENT_TIME_DRAIN}.
   */
  static long drainBatches(SlidingWindow w, Options job) {
    return job.eventTime() != null ? EVENT_TIME_DRAIN : w.windowMs() / job.batchMs() + 1;
  }

  /**
   * Under {@code --event-time}, the ticks of a finite source carry {@link #END_OF_TIME}: the first
   * moves the watermark past every window, the next micro-batch emits them.
   */
  static final long EVENT_TIME_DRAIN = 2;
  /** A tick's time under {@code --event-time}: past any record's (9000-01-01). */
  static final long END_OF_TIME = 221845392000000L;

  /**
   * {@code timed} with its ticks at {@link #END_OF_TIME}, under {@code --event-time}: their batch
   * times mean nothing beside the records' own.
   */
  static Dataset<Row> ticksAtTheEnd(Dataset<Row> timed) {
    return timed.withColumn(TIME, functions.when(timed.col("value").isNull(),
        functions.lit(new Timestamp(END_OF_TIME))).otherwise(timed.col(TIME)));
  }

  /**
   * Each window's lines with their batch times: rows ({@link #END}, {@link #LINES}), one per
   * window holding a line, {@link #LINES} an array of (time, value) in no particular order, the
   * window's ticks included as null values (a batch without lines still counts as a batch, as
   * the DStream engine's empty batches do). The DStream {@code window()} holds a window's lines
   * as its batches' RDDs; here they are the window's state until it is emitted.
   */
  static Dataset<Row> lines(StreamLines timed, SlidingWindow w) {
    Dataset<Row> lines = watermarked(timed.timed(), timed, w);
    return lines.groupBy(window(w, timed))
        .agg(functions.collect_list(functions.struct(TIME, "value")).as(LINES),
            functions.count("value").as("n"))
        .filter(functions.col("n").gt(0))
        .select(end(), functions.col(LINES));
  }

  /** One window of {@link #lines} as timed rows (value, time), ticks included. */
  static Dataset<Row> timedLines(Dataset<Row> window) {
    return window.select(functions.explode(window.col(LINES)).as("l")).select("l.value", "l.time");
  }

  /** One window of {@link #lines} as its lines, without the ticks. */
  static Dataset<String> text(Dataset<Row> window) {
    Dataset<Row> lines = timedLines(window);
    return lines.filter(lines.col("value").isNotNull()).select("value").as(Encoders.STRING());
  }

  /**
   * Lines and words (without the stop words) of each batch in one window of {@link #lines},
   * ticks as batches of nothing; a row (lines, words) per batch.
   */
  static List<Row> batches(Dataset<Row> window, Tokenizer tokenizer, StopWordList stopWords) {
    Dataset<Row> numbers = timedLines(window).as(TEXT_AT)
        .map(new NumberAt(words(tokenizer, stopWords)), NUMBER_AT).toDF("n", TIME);
    return numbers.groupBy(TIME)
        .agg(functions.count("n"), functions.coalesce(functions.sum("n"), functions.lit(0L)))
        .drop(TIME).collectAsList();
  }

  /** A line's words, stop words not counted. */
  static PerLine words(Tokenizer tokenizer, StopWordList stopWords) {
    Set<String> stop = stopWords.lookup();
    return line -> {
      long n = 0;
      for (String word : tokenizer.tokenize(line)) {
        if (!stop.contains(word)) {
          n++;
        }
      }
      return n;
    };
  }

  /** The one number of a window of {@link #sums}. */
  static JavaRDD<Long> number(Dataset<Row> window) {
    return window.toJavaRDD().map(r -> r.getLong(0));
  }

  /**
   * The ends of the windows in a micro-batch of a windowed query, in order (a few: sorted on the
   * driver rather than by a sort job of Spark's).
   */
  static List<Long> ends(Dataset<Row> batch) {
    List<Long> ends = new ArrayList<>();
    for (Row r : batch.select(END).distinct().collectAsList()) {
      ends.add(r.getLong(0));
    }
    ends.sort(null);
    return ends;
  }

  /**
   * Rows with a watermark on their time: 0 over batch times (a batch is never late), else
   * {@code --watermark}, by default one window.
   */
  private static Dataset<Row> watermarked(Dataset<Row> rows, StreamLines lines, SlidingWindow w) {
    EventTime e = lines.eventTime();
    return rows.withWatermark(TIME, (e == null ? 0 : e.watermarkMs(w.windowMs())) + " milliseconds");
  }

  /**
   * Windows whose ends are multiples of the slide, as the DStream engine emits a window at every
   * slide: {@code window()} aligns the starts to the slide, so a window that is not a multiple of
   * the slide needs its starts moved by what it lacks.
   */
  private static Column window(SlidingWindow w, StreamLines lines) {
    // Event-time windows align to the epoch, as Spark's window() does.
    long offset = lines.eventTime() != null ? 0 : Math.floorMod(-w.windowMs(), w.slideMs());
    return functions.window(functions.col(TIME), w.windowMs() + " milliseconds",
        w.slideMs() + " milliseconds", offset + " milliseconds");
  }

  private static Column end() {
    return functions.expr("unix_millis(window.end)").as(END);
  }

  /** A line's number, e.g. its words; serializable, as Spark ships it to the executors. */
  @FunctionalInterface
  interface PerLine extends java.io.Serializable {
    long of(String line);
  }

  /** A line's words, each with the line's time; a tick stays a tick. */
  static final class WordsAt
      implements FlatMapFunction<Tuple2<String, Timestamp>, Tuple2<String, Timestamp>> {
    private static final long serialVersionUID = 1L;
    private final Tokenizer tokenizer;
    private final Set<String> stopWords;

    WordsAt(Tokenizer tokenizer, StopWordList stopWords) {
      this.tokenizer = tokenizer;
      this.stopWords = stopWords.lookup();
    }

    @Override
    public Iterator<Tuple2<String, Timestamp>> call(Tuple2<String, Timestamp> line) {
      List<Tuple2<String, Timestamp>> words = new ArrayList<>();
      if (line._1() == null) {
        words.add(line);
        return words.iterator();
      }
      for (String word : tokenizer.tokenize(line._1())) {
        if (!stopWords.contains(word)) {
          words.add(new Tuple2<>(word, line._2()));
        }
      }
      return words.iterator();
    }
  }

  /** A line's number with the line's time; a tick stays a tick (a null number). */
  record NumberAt(PerLine perLine)
      implements MapFunction<Tuple2<String, Timestamp>, Tuple2<Long, Timestamp>> {
    @Override
    public Tuple2<Long, Timestamp> call(Tuple2<String, Timestamp> line) {
      return new Tuple2<>(line._1() == null ? null : perLine.of(line._1()), line._2());
    }
  }
}
