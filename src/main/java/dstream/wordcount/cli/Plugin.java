package dstream.wordcount.cli;

import java.util.List;

/**
 * The declaration part every source, pipeline and output shares: given once to the constructor
 * (name, one-line description, how the settings record is read, the options), so a component
 * class holds only what it does.
 *
 * @param <S> the component's settings record
 */
public abstract class Plugin<S> implements Component<S> {
  /** Reads a settings record from the resolved values. */
  @FunctionalInterface
  public interface Parser<S> {
    S parse(OptionValues values) throws UsageException;
  }

  private final String name;
  private final String description;
  private final Parser<S> parser;
  private final List<OptionSpec> options;

  protected Plugin(String name, String description, Parser<S> parser, OptionSpec... options) {
    this.name = name;
    this.description = description;
    this.parser = parser;
    this.options = List.of(options);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final List<OptionSpec> options() {
    return options;
  }

  @Override
  public final S settings(OptionValues values) throws UsageException {
    return parser.parse(values);
  }
}
