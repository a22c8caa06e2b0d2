package dstream.wordcount.engine.structured;

import dstream.wordcount.cli.Options;
import dstream.wordcount.pipelines.TopPipeline;
import org.apache.spark.api.java.JavaPairRDD;

/**
 * {@code top} on the structured engine: the word counts of {@link WindowQuery}, each window's
 * ranked in {@code foreachBatch} by the DStream twin's own ranking ({@link TopPipeline#top}), so
 * both engines keep the same words at a tie. Twin of {@link TopPipeline}.
 */
final class TopQuery implements StructuredPipeline<TopPipeline.Settings> {
  @Override
  public Query plan(StreamLines lines, TopPipeline.Settings s, Options job) {
    int n = s.top();
    return Query.windowed(
        TimeWindows.wordCounts(lines, s.tokenizer(), s.stopWords(), s.windows()),
        window -> TopPipeline.top(JavaPairRDD.fromJavaRDD(Words.tuples(window)), n).map(t -> t),
        Query.Alerts.NONE);
  }
}
