package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.UsageException;

/**
 * The window of a pipeline that is per batch unless {@code --window} gives it one ({@code stats},
 * {@code sql}): its parsing and checks, shared by those pipelines.
 *
 * @param windows the window, null per batch
 * @param strayOption a window option given without {@code --window} (refused by
 *     {@link #validate}), else null
 */
public record OptionalWindow(SlidingWindow windows, String strayOption) {
  /** A settings record with an optional window: its {@code windows()} is null per batch. */
  public interface Holder extends SlidingWindow.Holder {
    OptionalWindow window();

    @Override
    default SlidingWindow windows() {
      return window().windows();
    }
  }

  /**
   * Reads {@code --window}, {@code --slide} (default: the window) and, when the pipeline declares
   * it, {@code --checkpoint-interval}.
   */
  static OptionalWindow parse(OptionValues v, boolean checkpointed) throws UsageException {
    OptionSpec slideOption = PipelineOptions.OPTIONAL_SLIDE;
    long window = v.optionalDuration(PipelineOptions.OPTIONAL_WINDOW);
    long slide = v.optionalDuration(slideOption);
    long interval = checkpointed ? v.optionalDuration(PipelineOptions.CHECKPOINT_INTERVAL) : 0;
    if (window == 0) {
      String stray = slide > 0 ? slideOption.flagName()
          : interval > 0 ? PipelineOptions.CHECKPOINT_INTERVAL.flagName() : null;
      return new OptionalWindow(null, stray);
    }
    return new OptionalWindow(new SlidingWindow(window, slide > 0 ? slide : window, interval), null);
  }

  /** A stray window option is refused; a window must fit the batch. */
  void validate(String pipeline, long batchMs) throws UsageException {
    if (strayOption != null) {
      throw new UsageException(strayOption + " needs --window: " + pipeline
          + " is per batch unless --window D gives it a window");
    }
    if (windows != null) {
      windows.validate(batchMs);
    }
  }

  /** A window's lines go into the next windows too, so a finite source runs until they left. */
  long batchesAfterInput(long batchMs) {
    return windows == null ? 0 : windows.batchesAfterInput(batchMs);
  }
}
