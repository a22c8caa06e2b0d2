package dstream.wordcount.core;

import java.util.Locale;

/**
 * Turns the per-batch scheduling delay into episodes of falling behind: one warning when the delay
 * is over {@value #BEHIND_INTERVALS} batch intervals and still reaching new highs (a delay over
 * the threshold, then a higher one before it fell back under), one line when it is back under one
 * interval, nothing in between. A single slow batch (a window firing, a GC pause, a fresh JVM's
 * first batch on a busy machine) leaves a delay that only shrinks as the queue drains, so it is no
 * episode; nor is a delay that swings around the threshold (a window's slide making every other
 * batch heavy) without climbing. A delay that keeps growing is the job receiving more than it can process, and saying so
 * once per episode is what a user can act on, where a line per batch would be noise. The gap
 * between the two thresholds keeps a delay hovering near one of them from flapping. Plain Java,
 * fed by the runtime's batch listener; one instance per run, not thread-safe (Spark calls the
 * listener from one thread).
 */
public final class LagWatch {
  /** The delay, in batch intervals, above which the job is said to be behind. */
  public static final int BEHIND_INTERVALS = 3;

  private final long batchMs;
  private boolean behind;
  /** The highest delay since the delay last went over the threshold, -1 while under it. */
  private long peakOverMs = -1;
  private long behindSinceBatchMs;
  private long worstDelayMs;

  /** A watch for a job with batch interval {@code batchMs}. */
  public LagWatch(long batchMs) {
    if (batchMs <= 0) {
      throw new IllegalArgumentException("batch interval must be positive (got " + batchMs + ")");
    }
    this.batchMs = batchMs;
  }

  /** What one completed batch changes: an episode begins, ends, or neither. */
  public enum Change { NONE, BEHIND, CAUGHT_UP }

  /**
   * Records the scheduling delay of the batch of time {@code batchTimeMs}; negative delays
   * (unknown) change nothing.
   */
  public Change onBatch(long batchTimeMs, long schedulingDelayMs) {
    if (schedulingDelayMs < 0) {
      return Change.NONE;
    }
    long threshold = BEHIND_INTERVALS * batchMs;
    boolean climbing = false;
    if (schedulingDelayMs > threshold) {
      climbing = peakOverMs > 0 && schedulingDelayMs > peakOverMs;
      peakOverMs = Math.max(peakOverMs, schedulingDelayMs);
    } else {
      peakOverMs = -1;
    }
    if (!behind && climbing) {
      behind = true;
      behindSinceBatchMs = batchTimeMs;
      worstDelayMs = schedulingDelayMs;
      return Change.BEHIND;
    }
    if (behind) {
      worstDelayMs = Math.max(worstDelayMs, schedulingDelayMs);
      if (schedulingDelayMs <= batchMs) {
        behind = false;
        return Change.CAUGHT_UP;
      }
    }
    return Change.NONE;
  }

  /** True between a {@link Change#BEHIND} and the next {@link Change#CAUGHT_UP}. */
  public boolean behind() {
    return behind;
  }

  /** The warning for the batch that began an episode. */
  public String behindLine(long schedulingDelayMs) {
    return "falling behind: scheduling delay " + seconds(schedulingDelayMs) + " is over "
        + BEHIND_INTERVALS + " batch intervals (--batch " + DurationText.format(batchMs)
        + "): batches arrive faster than they are processed. Use a longer --batch, more cores"
        + " (--master local[N] or a cluster), or a lower input rate"
        + " (spark.streaming.receiver.maxRate, spark.streaming.kafka.maxRatePerPartition)";
  }

  /** The line for the batch that ended an episode, at batch time {@code batchTimeMs}. */
  public String caughtUpLine(long batchTimeMs, long schedulingDelayMs) {
    return "caught up: scheduling delay " + seconds(schedulingDelayMs) + " is back under one batch"
        + " interval (--batch " + DurationText.format(batchMs) + ") after "
        + seconds(batchTimeMs - behindSinceBatchMs) + " behind (worst delay " + seconds(worstDelayMs)
        + ")";
  }

  private static String seconds(long ms) {
    return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
