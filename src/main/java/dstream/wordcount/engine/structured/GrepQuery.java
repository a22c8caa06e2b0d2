package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.pipelines.GrepPipeline;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code grep} on the structured engine: a streaming {@code filter} on the lines, each
 * micro-batch's matches written in their order. Twin of {@link GrepPipeline}.
 */
final class GrepQuery implements StructuredPipeline<GrepPipeline.Settings> {
  @Override
  public Query plan(StreamLines lines, GrepPipeline.Settings s, Options job) {
    return new Query(lines.text().filter(new Contains(s.match())).toDF("line"),
        OutputMode.Append(),
        batch -> batch.toJavaRDD().map(r -> r.getString(0)));
  }

  /** Java's {@code String.contains}, the DStream twin's test, rather than SQL's byte match. */
  static final class Contains implements FilterFunction<String> {
    private static final long serialVersionUID = 1L;
    private final String match;

    Contains(String match) {
      this.match = match;
    }

    @Override
    public boolean call(String line) {
      return line.contains(match);
    }
  }
}
