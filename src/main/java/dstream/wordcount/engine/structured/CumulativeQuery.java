package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.pipelines.CumulativePipeline;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code cumulative} on the structured engine: a streaming {@code groupBy("word").count()} in
 * complete mode, so every micro-batch gets every total, as {@code updateStateByKey} gives them.
 * The totals live in Spark's state store and are written to the checkpoint every micro-batch, so
 * {@code --checkpoint-interval} does not apply. Twin of {@link CumulativePipeline}.
 */
final class CumulativeQuery implements StructuredPipeline<CumulativePipeline.Settings> {
  @Override
  public Query plan(StreamLines lines, CumulativePipeline.Settings s, Options job) {
    Dataset<?> totals =
        Words.of(lines.text(), s.tokenizer(), s.stopWords()).groupBy(Words.WORD).count();
    return new Query(totals, OutputMode.Complete(), Words::tuples);
  }
}
