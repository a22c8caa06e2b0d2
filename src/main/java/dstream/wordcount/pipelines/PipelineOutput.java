package dstream.wordcount.pipelines;

import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaPairDStream;

/**
 * What a pipeline produces each batch: either word counts, shown by count then word and written as
 * {@code (word,count)}, or text lines, shown and written in their own order.
 */
public final class PipelineOutput {
  private final JavaPairDStream<String, Long> counts;
  private final JavaDStream<String> lines;

  private PipelineOutput(JavaPairDStream<String, Long> counts, JavaDStream<String> lines) {
    this.counts = counts;
    this.lines = lines;
  }

  /** Word counts. */
  public static PipelineOutput counts(JavaPairDStream<String, Long> counts) {
    return new PipelineOutput(counts, null);
  }

  /** Text lines, in order. */
  public static PipelineOutput lines(JavaDStream<String> lines) {
    return new PipelineOutput(null, lines);
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
}
