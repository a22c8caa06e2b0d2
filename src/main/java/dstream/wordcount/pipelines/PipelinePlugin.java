package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.results.ResultKind;

/**
 * The declaration of a pipeline: {@link Plugin}'s name, description, settings parser and options,
 * plus the kind of result it yields, given once to the constructor beside its name.
 *
 * @param <S> the pipeline's settings record
 */
public abstract class PipelinePlugin<S> extends Plugin<S> implements Pipeline<S> {
  private final ResultKind resultKind;

  protected PipelinePlugin(String name, ResultKind resultKind, String description,
      Parser<S> parser, OptionSpec... options) {
    super(name, description, parser, options);
    this.resultKind = resultKind;
  }

  @Override
  public final ResultKind resultKind() {
    return resultKind;
  }
}
