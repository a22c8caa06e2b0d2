package dstream.wordcount.pipelines;

import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.UsageException;

/**
 * A pipeline over sliding windows: {@code --window} and {@code --slide} must be multiples of
 * {@code --batch} and the slide at most the window; the windowed state is checkpointed (every 5
 * slides unless {@code --checkpoint-interval} says otherwise); a finite replay runs on until every
 * window holding input has been emitted.
 */
public abstract class WindowedPipeline implements Pipeline {
  @Override
  public void validate(Options o) throws UsageException {
    Windows.validate(o);
  }

  /** The inverse-function windows keep state across batches, which Spark must checkpoint. */
  @Override
  public boolean needsCheckpoint() {
    return true;
  }

  @Override
  public long batchesAfterInput(Options o) {
    return Windows.batchesAfterInput(o);
  }
}
