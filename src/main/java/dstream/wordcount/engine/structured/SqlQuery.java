package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.pipelines.SqlPipeline;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code sql} on the structured engine: each micro-batch's lines and words become the views
 * {@code lines(line)} and {@code words(word)} in {@code foreachBatch}, and the query runs over
 * them, as on the DStream twin ({@link SqlPipeline#query}, the same views and analysis). With
 * {@code --window}, each window's lines, kept as the window's state until the watermark passes
 * its end ({@link TimeWindows#lines}), make the views of that window.
 */
final class SqlQuery implements StructuredPipeline<SqlPipeline.Settings> {
  @Override
  public void beforeStart(SqlPipeline.Settings s, Options job, SparkSession spark)
      throws UsageException {
    SqlPipeline.analyze(spark, s.query());
  }

  @Override
  public Query plan(StreamLines lines, SqlPipeline.Settings s, Options job) {
    if (s.windows() == null) {
      return new Query(lines.text().toDF("line"), OutputMode.Append(), batch -> rows(batch, s));
    }
    return Query.windowed(TimeWindows.lines(lines, s.windows()),
        window -> rows(TimeWindows.text(window).toDF(), s),
        Query.Alerts.NONE);
  }

  private static JavaRDD<Row> rows(Dataset<Row> batch, SqlPipeline.Settings s) {
    Dataset<String> lines = batch.as(Encoders.STRING());
    JavaRDD<String> words =
        Words.of(lines, s.tokenizer(), s.stopWords()).as(Encoders.STRING()).toJavaRDD();
    return SqlPipeline.query(batch.sparkSession(), lines.toJavaRDD(), words, s.query()).javaRDD();
  }
}
