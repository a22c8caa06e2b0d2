package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.core.BatchStats;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import scala.Tuple2;

/**
 * {@code stats}: one line per batch with lines, words, distinct words, mean/max/min count per word
 * (with the words) and words per second.
 *
 * <p>Technique: {@code transform}, a per-batch RDD function: partial {@link BatchStats} per partition
 * are merged into one, so nothing but one small object per partition reaches the driver. An empty
 * batch still gets its line. Run it: {@code bin/run-wordcount --pipeline stats}.
 */
public final class StatsPipeline extends Plugin<PipelineOptions.Words>
    implements Pipeline<PipelineOptions.Words> {
  public StatsPipeline() {
    super("stats", "per batch: lines, words, distinct, mean/max/min per word, words/s (transform)",
        PipelineOptions.Words::of, PipelineOptions.TOKENIZER);
  }

  @Override
  public PipelineOutput build(JavaDStream<String> lines, PipelineOptions.Words s, Options job) {
    double batchSeconds = job.batchMs() / 1000.0;
    JavaDStream<BatchStats> wordStats = WordCounting.countLines(lines, s.tokenizer())
        .mapPartitions(StatsPipeline::statsOfCounts);
    JavaDStream<BatchStats> lineStats = lines.mapPartitions(StatsPipeline::statsOfLines);
    JavaDStream<BatchStats> report = wordStats.union(lineStats)
        .transform(StatsPipeline::withEmptyStats)
        .reduce(BatchStats::merge);
    return PipelineOutput.stats(report, batchSeconds);
  }

  static Iterator<BatchStats> statsOfCounts(Iterator<Tuple2<String, Long>> counts) {
    BatchStats s = new BatchStats();
    while (counts.hasNext()) {
      Tuple2<String, Long> c = counts.next();
      s.addWord(c._1(), c._2());
    }
    return Collections.singletonList(s).iterator();
  }

  static Iterator<BatchStats> statsOfLines(Iterator<String> lines) {
    long n = 0;
    while (lines.hasNext()) {
      lines.next();
      n++;
    }
    return Collections.singletonList(new BatchStats().withLines(n)).iterator();
  }

  /** An input with no partitions would yield no line at all; one empty partial fixes that. */
  static JavaRDD<BatchStats> withEmptyStats(JavaRDD<BatchStats> partials) {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(partials.context());
    return partials.union(sc.parallelize(List.of(new BatchStats()), 1));
  }
}
