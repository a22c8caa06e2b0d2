package dstream.wordcount.outputs;

import dstream.wordcount.cli.Component;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.pipelines.PipelineOutput;
import dstream.wordcount.run.RunState;
import java.io.IOException;

/**
 * Where each batch's result goes: the console, text files, alert lines, and any output added
 * later. An output declares its options and reads them into its settings record {@code S}, says
 * from those settings whether it is {@link #enabled}, and the runtime then calls, for each enabled
 * output in registry order:
 * <ol>
 *   <li>{@link #validate} before anything starts (a bad path, an unreachable database: one-line
 *       usage errors);
 *   <li>{@link #open} on the driver, before the streaming context is created or recovered: start
 *       servers, register live objects, listeners and closers in the run's {@link RunState};
 *   <li>{@link #attach} inside the graph builder (so inside the checkpoint factory): add the
 *       output operations. Closures capture only serializable values; one that runs on the driver
 *       reaches the run's live objects through {@code RunState.of(rdd.context())}, which also works
 *       after recovery, when the closures come from the checkpoint.
 * </ol>
 * After the context has stopped, the run closes what {@link #open} registered.
 *
 * @param <S> the output's settings record
 */
public interface Output<S> extends Component<S> {
  /** Whether this output is on for a run with {@code settings}. */
  boolean enabled(S settings);

  /** Checks the settings before Spark starts; runs only when enabled. */
  default void validate(S settings, Options job) throws UsageException {}

  /**
   * Acquires the output's driver-side resources for this run, before the streaming context exists;
   * runs only when enabled.
   */
  default void open(S settings, Options job, RunState run) throws UsageException, IOException {}

  /**
   * Adds this output's operations to the graph. {@code out.kind()} says what the result is;
   * {@code job.pipeline()} names the pipeline.
   *
   * @return true when it consumes the result itself, false when it only handles a by-product
   *     (such as alerts); when no output consumes the result, the runtime adds a plain count
   */
  boolean attach(PipelineOutput out, S settings, Options job);
}
