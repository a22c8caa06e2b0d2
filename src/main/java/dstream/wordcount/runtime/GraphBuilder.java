package dstream.wordcount.runtime;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.outputs.db.DbOutput;
import dstream.wordcount.outputs.db.DbSettings;
import dstream.wordcount.pipelines.Pipeline;
import dstream.wordcount.pipelines.PipelineOutput;
import dstream.wordcount.sinks.AlertSink;
import dstream.wordcount.sinks.ConsoleSink;
import dstream.wordcount.sinks.TextFileSink;
import dstream.wordcount.sources.OpenSource;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * Wires source, pipeline, sinks and the source's after-output step (see
 * {@link OpenSource#afterOutputs}) onto a context, and nothing else: no start, no wait. Called
 * inside the checkpoint factory, so the whole graph, outputs included, is what a checkpoint holds.
 */
public final class GraphBuilder {
  private GraphBuilder() {}

  /** Builds the graph of {@code options} on {@code ssc}. */
  public static PipelineOutput build(
      JavaStreamingContext ssc, OpenSource source, Pipeline pipeline, Options options) {
    JavaDStream<String> lines = source.createStream(ssc);
    // Spark reports no batch that has no output job (a window between two slides), so the batch
    // log and the batch count that ends a finite replay would skip it. This empty output gives
    // every batch a job; it runs no Spark job itself.
    lines.foreachRDD(GraphBuilder::everyBatch);
    PipelineOutput out = pipeline.build(lines, options);
    if (options.print()) {
      ConsoleSink.attach(out, options.printLimit());
    }
    if (options.output() != null) {
      TextFileSink.attach(out, options.output());
    }
    if (options.db() != null) {
      DbOutput.attach(out, dbSettings(options));
    }
    if (out.alerts() != null) {
      AlertSink.attach(out.alerts());
    }
    if (!options.print() && options.output() == null && options.db() == null) {
      // A graph needs an output operation; counting still runs so the batch log stays truthful.
      if (out.isCounts()) {
        out.counts().foreachRDD(rdd -> rdd.count());
      } else {
        out.lines().foreachRDD(rdd -> rdd.count());
      }
    }
    source.afterOutputs(ssc); // last: e.g. committing Kafka offsets once the outputs succeeded
    return out;
  }

  private static DbSettings dbSettings(Options o) {
    try {
      return DbSettings.parse(o.db(), o.dbTablePrefix(), o.dbConf(), o.pipeline(), o.alertAbove())
          .settings();
    } catch (UsageException e) {
      throw new IllegalStateException("--db was validated before: " + e.getMessage(), e);
    }
  }

  private static void everyBatch(JavaRDD<String> lines) {
    // nothing to do: the output's existence is what counts
  }
}
