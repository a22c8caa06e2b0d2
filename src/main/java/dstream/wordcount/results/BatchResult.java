package dstream.wordcount.results;

import dstream.wordcount.core.BatchStats;
import dstream.wordcount.core.StateUpdate;
import dstream.wordcount.core.WindowStats;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * One batch's result, whichever engine computed it: what kind it is, its typed records, their
 * text form, the batch time and the batch's alert lines. Outputs write this and nothing else, so
 * an output works on both engines and never needs to know which pipeline made the result.
 *
 * @param kind what the records are
 * @param records the typed records: {@code Tuple2<String, Long>} for counts and totals,
 *     {@code String} for lines, {@code Long} for numbers, {@code BatchStats} for stats,
 *     {@code StateUpdate} for updates, {@code Row} for rows
 * @param batchSeconds the batch interval in seconds (a stats line's words per second)
 * @param timeMs the batch time (DStream: the batch's; Structured Streaming: the micro-batch's
 *     trigger time)
 * @param alerts the batch's alert lines, already collected; empty when none
 */
public record BatchResult(ResultKind kind, JavaRDD<?> records, long timeMs, double batchSeconds,
    List<String> alerts) {

  /** Word counts or running totals. */
  @SuppressWarnings("unchecked")
  public JavaRDD<Tuple2<String, Long>> counts() {
    return (JavaRDD<Tuple2<String, Long>>) typed(ResultKind.COUNTS, ResultKind.TOTALS);
  }

  /** Text lines of a {@link ResultKind#LINES} result. */
  @SuppressWarnings("unchecked")
  public JavaRDD<String> lines() {
    return (JavaRDD<String>) typed(ResultKind.LINES, ResultKind.LINES);
  }

  /** The numbers of a {@link ResultKind#NUMBERS} result. */
  @SuppressWarnings("unchecked")
  public JavaRDD<Long> numbers() {
    return (JavaRDD<Long>) typed(ResultKind.NUMBERS, ResultKind.NUMBERS);
  }

  /**
   * The summaries of a {@link ResultKind#STATS} result; a window's summary is given as the
   * {@link WindowStats#asBatchStats BatchStats} at the window's end.
   */
  public JavaRDD<BatchStats> stats() {
    return typed(ResultKind.STATS, ResultKind.STATS).map(BatchResult::asBatchStats);
  }

  private static BatchStats asBatchStats(Object r) {
    return r instanceof WindowStats w ? w.asBatchStats() : (BatchStats) r;
  }

  /** The updates of an {@link ResultKind#UPDATES} result, in their shown order. */
  @SuppressWarnings("unchecked")
  public JavaRDD<StateUpdate> updates() {
    return (JavaRDD<StateUpdate>) typed(ResultKind.UPDATES, ResultKind.UPDATES);
  }

  /** The rows of a {@link ResultKind#ROWS} result, each with its schema. */
  @SuppressWarnings("unchecked")
  public JavaRDD<Row> rows() {
    return (JavaRDD<Row>) typed(ResultKind.ROWS, ResultKind.ROWS);
  }

  /** Every record in its text form, in the records' order. */
  public JavaRDD<String> textLines() {
    ResultKind k = kind;
    double seconds = batchSeconds;
    return records.map(r -> text(k, seconds, r));
  }

  /**
   * The text form of one record of a {@code kind} result: {@code (word,count)} for counts, a
   * stats line for a batch of {@code batchSeconds}, a row's columns joined by commas, else the
   * record's own text.
   */
  public static String text(ResultKind kind, double batchSeconds, Object record) {
    if (kind == ResultKind.STATS) {
      return record instanceof WindowStats w
          ? w.format(batchSeconds) : ((BatchStats) record).format(batchSeconds);
    }
    if (kind == ResultKind.ROWS) {
      return ((Row) record).mkString(",");
    }
    return String.valueOf(record);
  }

  private JavaRDD<?> typed(ResultKind one, ResultKind other) {
    if (kind != one && kind != other) {
      throw new IllegalStateException("a " + kind + " result has no " + one + " records");
    }
    return records;
  }
}
