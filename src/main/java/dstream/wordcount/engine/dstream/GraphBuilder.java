package dstream.wordcount.engine.dstream;

import dstream.wordcount.outputs.BatchSink;
import dstream.wordcount.outputs.Output;
import dstream.wordcount.pipelines.PipelineOutput;
import dstream.wordcount.results.BatchResult;
import dstream.wordcount.results.ResultKind;
import dstream.wordcount.run.Chosen;
import dstream.wordcount.run.Job;
import dstream.wordcount.sources.OpenedSource;
import dstream.wordcount.sources.RecordFormat;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * Wires source, pipeline, the enabled outputs in registry order and the source's after-output step
 * (see {@link OpenedSource#afterOutputs}) onto a context, and nothing else: no start, no wait. Called
 * inside the checkpoint factory, so the whole graph, outputs included, is what a checkpoint holds.
 */
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
public final class GraphBuilder {
  private GraphBuilder() {}

  /** Builds the graph of {@code job} on {@code ssc} from the opened {@code source}. */
  public static PipelineOutput build(JavaStreamingContext ssc, OpenedSource source, Job job) {
    // One place for every source: --format json decodes the records into lines here.
    JavaDStream<String> lines = RecordFormat.lines(source.createStream(ssc), job.format());
    // Spark reports no batch that has no output job (a window between two slides), so the batch
    // log and the batch count that ends a finite replay would skip it. This empty output gives
    // every batch a job; it runs no Spark job itself.
    lines.foreachRDD(GraphBuilder::everyBatch);
    PipelineOutput out = job.pipeline().build(lines, job.options());
    ResultKind kind = out.kind();
    double seconds = out.batchSeconds();
    boolean consumed = false;
    for (Chosen<?, Output<?>> output : job.enabledOutputs()) {
      BatchSink sink = output.sink(kind, job.options());
      if (output.component().consumesResult()) {
        consumed = true;
        out.records().foreachRDD((rdd, time) ->
            sink.write(new BatchResult(kind, rdd, time.milliseconds(), seconds, List.of())));
      } else if (out.alerts() != null) {
        out.alerts().foreachRDD((rdd, time) -> sink.write(new BatchResult(kind,
            JavaSparkContext.fromSparkContext(rdd.context()).emptyRDD(), time.milliseconds(),
            seconds, rdd.collect())));
      }
    }
    if (!consumed) {
      // A graph needs an output operation; counting still runs so the batch log stays truthful.
      out.records().foreachRDD(rdd -> rdd.count());
    }
    source.afterOutputs(ssc); // last: e.g. committing Kafka offsets once the outputs succeeded
    return out;
  }

  private static void everyBatch(JavaRDD<String> lines) {
    // nothing to do: the output's existence is what counts
  }
}
