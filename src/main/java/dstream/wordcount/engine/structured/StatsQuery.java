package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.core.BatchStats;
import dstream.wordcount.core.WindowStats;
import dstream.wordcount.pipelines.StatsPipeline;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.streaming.OutputMode;

/**
 * {@code stats} on the structured engine: each micro-batch's lines are summarized in
 * {@code foreachBatch} by the same partial {@link BatchStats} per partition as the DStream twin
 * ({@link StatsPipeline#summary}), from the batch's {@code groupBy("word").count()}. Only a
 * micro-batch that has input runs, so, unlike the DStream twin, no line is written for a batch
 * without input. With {@code --window}, each window's lines with their batch times are the
 * window's state until the watermark passes its end ({@link TimeWindows#lines}); the window is
 * then summarized as the DStream twin summarizes it ({@link StatsPipeline#windowSummary}). An
 * event-time window's summary also says how many late rows the run had dropped when it was
 * written ({@link LateRows}): those rows are in no window.
 */
final class StatsQuery implements StructuredPipeline<StatsPipeline.Settings> {
  @Override
  public Query plan(StreamLines lines, StatsPipeline.Settings s, Options job) {
    if (s.windows() == null) {
      return new Query(lines.text().toDF("line"), OutputMode.Append(),
          batch -> summary(batch, s));
    }
    LateRows late = lines.lateRows();
    return Query.windowed(TimeWindows.lines(lines, s.windows()),
        window -> windowSummary(window, s, late), Query.Alerts.NONE);
  }

  /**
   * One window's summary: each batch's lines and words (the window's ticks are its batches
   * without lines, as the DStream engine's empty batches), and the window's word counts.
   */
  private static JavaRDD<WindowStats> windowSummary(Dataset<Row> window,
      StatsPipeline.Settings s, LateRows late) {
    List<WindowStats> batches = new ArrayList<>();
    for (Row b : TimeWindows.batches(window, s.tokenizer(), s.stopWords())) {
      batches.add(WindowStats.ofBatch(b.getLong(0), b.getLong(1)));
    }
    WindowStats stats = StatsPipeline.windowSummary(batches,
        Words.counts(Words.of(TimeWindows.text(window), s.tokenizer(), s.stopWords())));
    if (late != null) {
      stats = stats.withLateRows(late.total());
    }
    return JavaSparkContext.fromSparkContext(window.sparkSession().sparkContext())
        .parallelize(List.of(stats), 1);
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
