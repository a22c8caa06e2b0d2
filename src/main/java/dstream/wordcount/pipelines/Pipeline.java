package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import org.apache.spark.streaming.api.java.JavaDStream;

/**
 * One word-count technique, selected by its CLI name through {@link Pipelines}. {@link #build}
 * only wires transformations; running them is the runtime's job, so tests build the same graph the
 * CLI runs.
 */
public interface Pipeline {
  /** The {@code --pipeline} name. */
  String name();

  /** One line for {@code --help} and the README. */
  String description();

  /** Checks the options this pipeline relies on. */
  default void validate(Options options) throws UsageException {}

  /** True when the pipeline keeps state and so needs a checkpoint directory. */
  default boolean needsCheckpoint() {
    return false;
  }

  /**
   * Batches a finite source must still run after its last input batch so that every result that
   * depends on that input (e.g. each window containing it) is emitted.
   */
  default long batchesAfterInput(Options options) {
    return 0;
  }

  /** Wires the pipeline onto {@code lines}. Closures capture only serializable values. */
  PipelineOutput build(JavaDStream<String> lines, Options options);
}
