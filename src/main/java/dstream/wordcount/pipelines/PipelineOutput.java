package dstream.wordcount.pipelines;

import dstream.wordcount.core.BatchStats;
import dstream.wordcount.core.StateUpdate;
import dstream.wordcount.core.WindowStats;
import org.apache.spark.sql.Row;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

/**
 * What a pipeline produces each batch, typed by its {@link ResultKind}: word counts (shown by count
 * then word and written as {@code (word,count)}), or records with a text form of their own
 * ({@link #lines()}, shown and written in their own order), plus the typed records behind that
 * text (numbers, state updates, batch statistics) for outputs that store them as values; optionally
 * also alert lines (see {@code outputs.AlertsOutput}).
 */
public final class PipelineOutput {
  private final ResultKind kind;
  private final JavaPairDStream<String, Long> counts;
  private final JavaDStream<String> lines;
  private final JavaDStream<?> records;
  private final JavaDStream<String> alerts;

  private PipelineOutput(ResultKind kind, JavaPairDStream<String, Long> counts,
      JavaDStream<String> lines, JavaDStream<?> records, JavaDStream<String> alerts) {
    this.kind = kind;
    this.counts = counts;
    this.lines = lines;
    this.records = records;
    this.alerts = alerts;
  }

  /** Word counts of one batch or window. */
  public static PipelineOutput counts(JavaPairDStream<String, Long> counts) {
    return new PipelineOutput(ResultKind.COUNTS, counts, null, null, null);
  }

  /** Running totals since the start. */
  public static PipelineOutput totals(JavaPairDStream<String, Long> totals) {
    return new PipelineOutput(ResultKind.TOTALS, totals, null, null, null);
  }

  /** State changes and evictions, already in the order they are shown. */
  public static PipelineOutput updates(JavaDStream<StateUpdate> updates) {
    return new PipelineOutput(
        ResultKind.UPDATES, null, updates.map(StateUpdate::toString), updates, null);
  }

  /** One number per batch or window. The stream is cached: every output reads it. */
  public static PipelineOutput numbers(JavaDStream<Long> numbers) {
    JavaDStream<Long> cached = numbers.cache();
    return new PipelineOutput(
        ResultKind.NUMBERS, null, cached.map(String::valueOf), cached, null);
  }

  /** One summary per batch, written as {@link BatchStats#format} for a batch of that length. */
  public static PipelineOutput stats(JavaDStream<BatchStats> stats, double batchSeconds) {
    JavaDStream<BatchStats> cached = stats.cache();
    return new PipelineOutput(ResultKind.STATS, null,
        cached.map(s -> s.format(batchSeconds)), cached, null);
  }

  /**
   * One summary per sliding window, written as {@link WindowStats#format}; outputs that store
   * values get it {@link WindowStats#asBatchStats as a BatchStats}, at the window's end time.
   */
  public static PipelineOutput windowStats(JavaDStream<WindowStats> stats, double batchSeconds) {
    JavaDStream<WindowStats> cached = stats.cache();
    return new PipelineOutput(ResultKind.STATS, null,
        cached.map(s -> s.format(batchSeconds)), cached.map(WindowStats::asBatchStats), null);
  }

  /**
   * The rows of a query per batch or window, written with their columns joined by commas. The
   * stream is cached: every output reads it, and the query runs once per batch.
   */
  public static PipelineOutput rows(JavaDStream<Row> rows) {
    JavaDStream<Row> cached = rows.cache();
    return new PipelineOutput(ResultKind.ROWS, null, cached.map(r -> r.mkString(",")), cached,
        null);
  }

  /** Text lines, in order. */
  public static PipelineOutput lines(JavaDStream<String> lines) {
    return new PipelineOutput(ResultKind.LINES, null, lines, lines, null);
  }

  /** What the result is. */
  public ResultKind kind() {
    return kind;
  }

  /** True for word counts and totals ({@link #counts()}), false for lines ({@link #lines()}). */
  public boolean isCounts() {
    return counts != null;
  }

  /** Word counts or totals; null unless {@link #isCounts()}. */
  public JavaPairDStream<String, Long> counts() {
    return counts;
  }

  /** The text form of the records; null when {@link #isCounts()}. */
  public JavaDStream<String> lines() {
    return lines;
  }

  /** The numbers of a {@link ResultKind#NUMBERS} result. */
  @SuppressWarnings("unchecked")
  public JavaDStream<Long> numbers() {
    return (JavaDStream<Long>) typed(ResultKind.NUMBERS);
  }

  /** The summaries of a {@link ResultKind#STATS} result. */
  @SuppressWarnings("unchecked")
  public JavaDStream<BatchStats> stats() {
    return (JavaDStream<BatchStats>) typed(ResultKind.STATS);
  }

  /** The updates of an {@link ResultKind#UPDATES} result, in their shown order. */
  @SuppressWarnings("unchecked")
  public JavaDStream<StateUpdate> updates() {
    return (JavaDStream<StateUpdate>) typed(ResultKind.UPDATES);
  }

  /** The rows of a {@link ResultKind#ROWS} result, each with its schema. */
  @SuppressWarnings("unchecked")
  public JavaDStream<Row> rows() {
    return (JavaDStream<Row>) typed(ResultKind.ROWS);
  }

  private JavaDStream<?> typed(ResultKind wanted) {
    if (kind != wanted) {
      throw new IllegalStateException("a " + kind + " result has no " + wanted + " records");
    }
    return records;
  }

  /**
   * The same output plus alert lines, which are printed and logged after each batch's result
   * whether or not results are printed.
   */
  public PipelineOutput withAlerts(JavaDStream<String> alertLines) {
    return new PipelineOutput(kind, counts, lines, records, alertLines);
  }

  /** Alert lines, or null when the pipeline raises none. */
  public JavaDStream<String> alerts() {
    return alerts;
  }
}
