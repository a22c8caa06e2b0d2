package dstream.wordcount.pipelines;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.DurationText;

/**
 * The window of a windowed pipeline and the checkpoint policy of its state: the checks on
 * {@code --window}/{@code --slide}/{@code --checkpoint-interval}, the interval (every
 * {@value #SLIDES_PER_CHECKPOINT} slides unless told) and how long a finite source runs on.
 *
 * <p>Spark emits a window at every batch time {@code t} with {@code t - zeroTime} a multiple of
 * the slide, where {@code zeroTime} is one batch before the first batch: the first window ends
 * {@code slide} after that, i.e. it covers the first {@code slide / batch} batches. A window ending
 * at {@code t} holds the batches in {@code (t - window, t]}.
 *
 * @param windowMs window length
 * @param slideMs slide
 * @param checkpointIntervalMs {@code --checkpoint-interval}, 0 for the default
 */
public record SlidingWindow(long windowMs, long slideMs, long checkpointIntervalMs) {
  /** A pipeline's settings record with a sliding window (null when it is per batch). */
  public interface Holder {
    SlidingWindow windows();
  }

  /** Checkpoint the state every this many slides: Spark's guide advises 5 to 10. */
  static final int SLIDES_PER_CHECKPOINT = 5;

  /** Reads the window from the given declarations (a pipeline may declare its own defaults). */
  static SlidingWindow parse(OptionValues v, OptionSpec window, OptionSpec slide)
      throws UsageException {
    return new SlidingWindow(v.duration(window), v.duration(slide),
        v.optionalDuration(PipelineOptions.CHECKPOINT_INTERVAL));
  }

  /** Window and slide are multiples of the batch, the slide at most the window. */
  void validate(long batchMs) throws UsageException {
    requireMultiple(PipelineOptions.WINDOW.name(), windowMs, "batch", batchMs);
    requireMultiple(PipelineOptions.SLIDE.name(), slideMs, "batch", batchMs);
    if (slideMs > windowMs) {
      throw new UsageException("--slide " + DurationText.format(slideMs)
          + " is longer than --window " + DurationText.format(windowMs)
          + ": the slide must be at most the window");
    }
    if (checkpointIntervalMs > 0) {
      requireMultiple(PipelineOptions.CHECKPOINT_INTERVAL.name(), checkpointIntervalMs, "slide",
          slideMs);
    }
  }

  /** {@code --checkpoint-interval}, else {@value #SLIDES_PER_CHECKPOINT} slides. */
  long checkpointMs() {
    return checkpointIntervalMs > 0 ? checkpointIntervalMs : SLIDES_PER_CHECKPOINT * slideMs;
  }

  /**
   * The last window holding the last input batch ends at most {@code window - batch} after it, so
   * a finite source runs that many batches more.
   */
  long batchesAfterInput(long batchMs) {
    return windowMs / batchMs - 1;
  }

  /**
   * Refuses {@code value} unless it is a positive multiple of {@code unit}, suggesting the nearest
   * multiples.
   */
  static void requireMultiple(String option, long value, String unitOption, long unit)
      throws UsageException {
    if (value % unit == 0) {
      return;
    }
    long below = value / unit * unit;
    long above = below + unit;
    String hint = below > 0
        ? DurationText.format(below) + " or " + DurationText.format(above)
        : DurationText.format(above);
    throw new UsageException("--" + option + " " + DurationText.format(value)
        + " is not a multiple of --" + unitOption + " " + DurationText.format(unit)
        + "; use e.g. " + hint);
  }
}
