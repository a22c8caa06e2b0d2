package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Component;
import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.results.ResultKind;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;

/**
 * One word-count technique, selected by its CLI name through {@link Pipelines}. It declares its
 * options and reads them into its settings record {@code S}; {@link #build} only wires
 * transformations; running them is the engine's job, so tests build the same graph the CLI runs.
 *
 * @param <S> the pipeline's settings record
 */
public interface Pipeline<S> extends Component<S> {
  /**
   * What the pipeline's result is, on every engine: outputs decide from it alone what they can
   * store or show, so a new pipeline of an existing kind needs no change in any output.
   */
  ResultKind resultKind();

  /** True when the pipeline keeps state and so needs a checkpoint directory. */
  default boolean needsCheckpoint() {
    return false;
  }

  /** {@link #needsCheckpoint()} for a run with {@code settings} (stats keeps state only windowed). */
  default boolean needsCheckpoint(S settings) {
    return needsCheckpoint();
  }

  /**
   * Batches a finite source must still run after its last input batch so that every result that
   * depends on that input (e.g. each window containing it) is emitted.
   */
  default long batchesAfterInput(S settings, Options job) {
    return 0;
  }

  /**
   * Checks what needs the live context, after the graph was built or recovered and before it
   * starts (the sql pipeline analyzes its query in a SparkSession of {@code ssc}).
   */
  default void beforeStart(S settings, Options job, JavaStreamingContext ssc)
      throws UsageException {}

  /** Wires the pipeline onto {@code lines}. Closures capture only serializable values. */
  PipelineOutput build(JavaDStream<String> lines, S settings, Options job);

  /** {@link #build} with the settings read from {@code job}'s values (tests, the benchmark). */
  default PipelineOutput build(JavaDStream<String> lines, Options job) throws UsageException {
    return build(lines, settings(job.values()), job);
  }

  /** {@code --stopwords} is recorded as the file and its content hash, the rest as given. */
  @Override
  default String recordedValue(OptionSpec option, S settings, String canonical) {
    if (option.equals(PipelineOptions.STOPWORDS) && settings instanceof PipelineOptions.Counting c) {
      return c.stopWords().recorded();
    }
    return canonical;
  }
}
