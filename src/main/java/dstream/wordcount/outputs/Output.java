package dstream.wordcount.outputs;

import dstream.wordcount.cli.Component;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.results.BatchResult;
import dstream.wordcount.results.ResultKind;
import java.io.IOException;

/**
 * Where each batch's result goes: the console, text files, a database, the dashboard, alert
 * lines. An output declares its options and reads them into its settings record {@code S}, says
 * from those settings whether it is {@link #enabled}, and the engine then calls, for each enabled
 * output in registry order:
 * <ol>
 *   <li>{@link #validate} before anything starts (a bad path, an unreachable database: one-line
 *       usage errors);
 *   <li>{@link #open} on the driver, before the streaming context or query exists: start
 *       servers, register live objects, listeners and closers in the run's {@link RunState};
 *   <li>{@link #sink} while the job is wired (for the DStream engine inside the checkpoint
 *       factory): what to do with each batch's {@link dstream.wordcount.results.BatchResult}.
 *       The same sink serves both engines; it depends on the result's kind only.
 * </ol>
 * After the job has stopped, the run closes what {@link #open} registered.
 *
 * @param <S> the output's settings record
 */
public interface Output<S> extends Component<S> {
  /** Whether this output is on for a run with {@code settings}. */
  boolean enabled(S settings);

  /**
   * Acquires the output's driver-side resources for this run, before the streaming context exists;
   * runs only when enabled.
   */
  default void open(S settings, Options job, RunState run) throws UsageException, IOException {}

  /** What this output does with each batch's result of {@code kind}; holds only settings. */
  BatchSink sink(ResultKind kind, S settings, Options job);

  /**
   * Whether the sink consumes the result itself (false when it only handles a by-product, such
   * as alerts); when no output consumes it, the engine still computes it each batch.
   */
  default boolean consumesResult() {
    return true;
  }
}
