package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.BatchStats;
import dstream.wordcount.pipelines.StatsPipeline;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code stats} per batch on the structured engine: each micro-batch's lines are summarized in
 * {@code foreachBatch} by the same partial {@link BatchStats} per partition as the DStream twin
 * ({@link StatsPipeline#summary}), from the batch's {@code groupBy("word").count()}. Only a
 * micro-batch that has input runs, so, unlike the DStream twin, no line is written for a batch
 * without input.
 */
final class StatsQuery implements StructuredPipeline<StatsPipeline.Settings> {
  @Override
  public void validate(StatsPipeline.Settings s, Options job) throws UsageException {
    StructuredPipeline.refuseWindow("stats", s.windows());
  }

  @Override
  public Query plan(StreamLines lines, StatsPipeline.Settings s, Options job) {
    return new Query(lines.text().toDF("line"), OutputMode.Append(), batch -> summary(batch, s));
  }

  private static JavaRDD<BatchStats> summary(Dataset<Row> batch, StatsPipeline.Settings s) {
    // Read twice (words and lines): kept for the summary, released right after.
    Dataset<String> lines = batch.as(Encoders.STRING()).persist();
    try {
      BatchStats stats = StatsPipeline.summary(
          Words.counts(Words.of(lines, s.tokenizer(), s.stopWords())), lines.toJavaRDD());
      return JavaSparkContext.fromSparkContext(batch.sparkSession().sparkContext())
          .parallelize(List.of(stats), 1);
    } finally {
      lines.unpersist(false);
    }
  }
}
