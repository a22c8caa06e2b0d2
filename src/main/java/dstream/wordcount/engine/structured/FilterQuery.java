package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.pipelines.FilterPipeline;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code filter} on the structured engine: short words dropped by a streaming {@code filter}
 * before the per-batch count ({@code length} counts characters, as the DStream twin counts code
 * points). Twin of {@link FilterPipeline}.
 */
final class FilterQuery implements StructuredPipeline<FilterPipeline.Settings> {
  @Override
  public Query plan(StreamLines lines, FilterPipeline.Settings s, Options job) {
    Dataset<Row> words = Words.of(lines.text(), s.tokenizer(), s.stopWords());
    Dataset<Row> longWords =
        words.filter(functions.length(words.col(Words.WORD)).geq(s.minLength()));
    return new Query(longWords, OutputMode.Append(), Words::counts);
  }
}
