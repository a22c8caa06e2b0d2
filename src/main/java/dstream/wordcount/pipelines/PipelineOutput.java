package dstream.wordcount.pipelines;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

/**
 * What a pipeline produces each batch: either word counts, shown by count then word and written as
 * {@code (word,count)}, or text lines, shown and written in their own order; optionally also alert
 * lines (see {@code sinks.AlertSink}).
 */
public final class PipelineOutput {
  private final JavaPairDStream<String, Long> counts;
  private final JavaDStream<String> lines;
  private final JavaDStream<String> alerts;

  private PipelineOutput(
      JavaPairDStream<String, Long> counts, JavaDStream<String> lines, JavaDStream<String> alerts) {
    this.counts = counts;
    this.lines = lines;
    this.alerts = alerts;
  }

  /** Word counts. */
  public static PipelineOutput counts(JavaPairDStream<String, Long> counts) {
    return new PipelineOutput(counts, null, null);
  }

  /** Text lines, in order. */
  public static PipelineOutput lines(JavaDStream<String> lines) {
    return new PipelineOutput(null, lines, null);
  }

  /** True for word counts, false for lines. */
  public boolean isCounts() {
    return counts != null;
  }

  public JavaPairDStream<String, Long> counts() {
    return counts;
  }

  public JavaDStream<String> lines() {
    return lines;
  }

  /**
   * The same output plus alert lines, which are printed and logged after each batch's result
   * whether or not results are printed.
   */
  public PipelineOutput withAlerts(JavaDStream<String> alertLines) {
    return new PipelineOutput(counts, lines, alertLines);
  }

  /** Alert lines, or null when the pipeline raises none. */
  public JavaDStream<String> alerts() {
    return alerts;
  }
}
