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
   * Whether {@code option} (one of {@link #options()} marked {@link OptionSpec#shapesGraph()})
   * is recorded for a run with {@code settings}; e.g. the console's record limit does not matter
   * when nothing is printed. Defaults to always.
   */
  default boolean records(OptionSpec option, S settings) {
    return true;
  }

  /**
   * The text the checkpoint settings record keeps for {@code option} (recorded for this run),
   * given its {@code canonical} text; defaults to that. A component overrides it when the value
   * as given holds something that must not be written down, e.g. credentials in a JDBC URL.
   */
  default String recorded(OptionSpec option, S settings, String canonical) {
    return canonical;
  }
}
