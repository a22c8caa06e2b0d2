package dstream.wordcount.pipelines;

import dstream.wordcount.core.BatchStats;
import dstream.wordcount.core.StateUpdate;
import dstream.wordcount.core.WindowStats;
import dstream.wordcount.results.BatchResult;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.sql.Row;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;
import scala.Tuple2;

/**
 * What a pipeline produces each batch, typed by its {@link ResultKind}: word counts (shown by count
 * then word and written as {@code (word,count)}), or records with a text form of their own
 * ({@link #lines()}, shown and written in their own order), plus the typed records behind that
 * text (numbers, state updates, batch statistics) for outputs that store them as values; optionally
 * also alert lines (see {@code outputs.AlertsOutput}).
 */
public final class PipelineOutput {
  private final ResultKind kind;
  private final JavaDStream<?> records;
  private final double batchSeconds;
  private final JavaDStream<String> alerts;

  private PipelineOutput(ResultKind kind, JavaDStream<?> records, double batchSeconds,
      JavaDStream<String> alerts) {
    this.kind = kind;
    this.records = records;
    this.batchSeconds = batchSeconds;
    this.alerts = alerts;
  }

  /** Word counts of one batch or window. */
  public static PipelineOutput counts(JavaPairDStream<String, Long> counts) {
    return new PipelineOutput(ResultKind.COUNTS, counts.toJavaDStream(), 0, null);
  }

  /** Running totals since the start. */
  public static PipelineOutput totals(JavaPairDStream<String, Long> totals) {
    return new PipelineOutput(ResultKind.TOTALS, totals.toJavaDStream(), 0, null);
  }

  /** State changes and evictions, already in the order they are shown. */
  public static PipelineOutput updates(JavaDStream<StateUpdate> updates) {
    return new PipelineOutput(ResultKind.UPDATES, updates, 0, null);
  }

  /** One number per batch or window. The stream is cached: every output reads it. */
  public static PipelineOutput numbers(JavaDStream<Long> numbers) {
    return new PipelineOutput(ResultKind.NUMBERS, numbers.cache(), 0, null);
  }

  /** One summary per batch, written as {@link BatchStats#format} for a batch of that length. */
  public static PipelineOutput stats(JavaDStream<BatchStats> stats, double batchSeconds) {
    return new PipelineOutput(ResultKind.STATS, stats.cache(), batchSeconds, null);
  }

  /**
   * One summary per sliding window, written as {@link WindowStats#format}; outputs that store
   * values get it {@link WindowStats#asBatchStats as a BatchStats}, at the window's end time.
   */
  public static PipelineOutput windowStats(JavaDStream<WindowStats> stats, double batchSeconds) {
    return new PipelineOutput(ResultKind.STATS, stats.cache(), batchSeconds, null);
  }

  /**
   * The rows of a query per batch or window, written with their columns joined by commas. The
   * stream is cached: every output reads it, and the query runs once per batch.
   */
  public static PipelineOutput rows(JavaDStream<Row> rows) {
    return new PipelineOutput(ResultKind.ROWS, rows.cache(), 0, null);
  }

  /** Text lines, in order. */
  public static PipelineOutput lines(JavaDStream<String> lines) {
    return new PipelineOutput(ResultKind.LINES, lines, 0, null);
  }

  /** What the result is. */
  public ResultKind kind() {
    return kind;
  }

  /** The typed records, as {@link BatchResult#records()} describes them per kind. */
  public JavaDStream<?> records() {
    return records;
  }

  /** The batch interval in seconds, for stats lines; 0 for other kinds. */
  public double batchSeconds() {
    return batchSeconds;
  }

  /** True for word counts and totals ({@link #counts()}), false for lines ({@link #lines()}). */
  public boolean isCounts() {
    return kind == ResultKind.COUNTS || kind == ResultKind.TOTALS;
  }

  /** Word counts or totals; only when {@link #isCounts()}. */
  @SuppressWarnings("unchecked")
  public JavaPairDStream<String, Long> counts() {
    return JavaPairDStream.fromJavaDStream((JavaDStream<Tuple2<String, Long>>) typed(kind));
  }

  /** The text form of the records, in their order. */
  public JavaDStream<String> lines() {
    ResultKind k = kind;
    double seconds = batchSeconds;
    return records.map(r -> BatchResult.text(k, seconds, r));
  }

  /** The numbers of a {@link ResultKind#NUMBERS} result. */
  @SuppressWarnings("unchecked")
  public JavaDStream<Long> numbers() {
    return (JavaDStream<Long>) typed(ResultKind.NUMBERS);
  }

  /** The summaries of a {@link ResultKind#STATS} result (a window's at its end time). */
  public JavaDStream<BatchStats> stats() {
    return typed(ResultKind.STATS).map(r -> r instanceof WindowStats w ? w.asBatchStats() : (BatchStats) r);
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
    boolean counts = wanted == ResultKind.COUNTS || wanted == ResultKind.TOTALS;
    if (kind != wanted && !(counts && isCounts())) {
      throw new IllegalStateException("a " + kind + " result has no " + wanted + " records");
    }
    return records;
  }

  /**
   * The same output plus alert lines, which are printed and logged after each batch's result
   * whether or not results are printed.
   */
  public PipelineOutput withAlerts(JavaDStream<String> alertLines) {
    return new PipelineOutput(kind, records, batchSeconds, alertLines);
  }

  /** Alert lines, or null when the pipeline raises none. */
  public JavaDStream<String> alerts() {
    return alerts;
  }
}
