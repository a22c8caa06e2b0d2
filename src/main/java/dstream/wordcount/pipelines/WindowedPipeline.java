package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.results.ResultKind;

/**
 * A pipeline over sliding windows: {@code --window} and {@code --slide} must be multiples of
 * {@code --batch} and the slide at most the window; the windowed state is checkpointed (every 5
 * slides unless {@code --checkpoint-interval} says otherwise); a finite replay runs on until every
 * window holding input has been emitted.
 *
 * @param <S> the pipeline's settings record, which holds a {@link SlidingWindow}
 */
public abstract class WindowedPipeline<S extends SlidingWindow.Holder>
    extends PipelinePlugin<S> {
  protected WindowedPipeline(String name, ResultKind resultKind, String description,
      Parser<S> parser, OptionSpec... options) {
    super(name, resultKind, description, parser, options);
  }

  @Override
  public void validate(S settings, Options job) throws UsageException {
    settings.windows().validate(job.batchMs());
  }

  /** The inverse-function windows keep state across batches, which Spark must checkpoint. */
  @Override
  public boolean needsCheckpoint() {
    return true;
  }

  @Override
  public long batchesAfterInput(S settings, Options job) {
    return settings.windows().batchesAfterInput(job.batchMs());
  }
}
