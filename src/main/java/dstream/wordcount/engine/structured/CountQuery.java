package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.pipelines.PipelineOptions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code count} on the structured engine: the words are a streaming {@code flatMap}; each
 * micro-batch is counted with {@code groupBy("word").count()} in {@code foreachBatch}, since a
 * streaming aggregation would count since the start, not per batch.
 * Twin of {@link dstream.wordcount.pipelines.CountPipeline}.
 */
final class CountQuery implements StructuredPipeline<PipelineOptions.Words> {
  @Override
  public Query plan(StreamLines lines, PipelineOptions.Words s, Options job) {
    return new Query(Words.of(lines.text(), s.tokenizer(), s.stopWords()),
        OutputMode.Append(), Words::counts);
  }
}
