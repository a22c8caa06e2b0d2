package dstream.wordcount.cli;

import java.util.List;

/**
 * What sources, pipelines and outputs have in common: a name, a one-line description, the options
 * they declare, and the parse of those options into their own small immutable settings record
 * ({@code S}). Parsing checks syntax and ranges, each problem a one-line {@link UsageException};
 * checks that need the rest of the job (e.g. a window against the batch) belong to the
 * component's {@code validate}.
 *
 * @param <S> the component's settings record
 */
public interface Component<S> {
  /** The CLI name ({@code --source}, {@code --pipeline} value, or the output's name). */
  String name();

  /** One line for {@code --help} and the README. */
  String description();

  /** The options this component reads, in the order {@code --help} lists them. */
  List<OptionSpec> options();

  /** Reads this component's settings from the resolved values. */
  S settings(OptionValues values) throws UsageException;

  /**
   * Checks the settings against the rest of the job before anything starts (a window against the
   * batch, a receiver against the master, a path that must exist); an output's only when it is
   * on.
   */
  default void validate(S settings, Options job) throws UsageException {}

  /**
   * Whether {@code option} (one of {@link #options()} marked {@link OptionSpec#shapesGraph()})
   * is recorded for a run with {@code settings}; e.g. the console's record limit does not matter
   * when nothing is printed. Defaults to always.
   */
  default boolean records(OptionSpec option, S settings) {
    return true;
  }

  /**
   * What the checkpoint settings record writes for {@code option} given its canonical text;
   * defaults to that text. A component overrides it when the text alone does not say what the
   * graph holds (a file whose content was read into the graph: recorded with its hash), or when it
   * holds something that must not be written down (credentials in a JDBC URL).
   */
  default String recordedValue(OptionSpec option, S settings, String canonical) {
    return canonical;
  }
}
