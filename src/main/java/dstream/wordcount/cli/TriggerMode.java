package dstream.wordcount.cli;

import java.util.List;

/**
 * {@code --trigger} and {@code --realtime-interval}: a micro-batch every {@code --batch}, or
 * Spark's real-time mode on the structured engine.
 *
 * @param realTime true for {@code --trigger realtime}
 * @param realTimeIntervalMs a real-time batch's length: how often its progress is checkpointed
 */
public record TriggerMode(boolean realTime, long realTimeIntervalMs) {
  /** The triggers of {@code --trigger}, the default first. */
  public static final List<String> TRIGGERS = List.of("batch", "realtime");
  public static final OptionSpec TRIGGER = OptionSpec.text("trigger", "T",
      "batch (a micro-batch every --batch) or realtime (--engine structured, grep on --source"
          + " kafka, printed: each matching line within milliseconds, Spark's real-time mode)",
      "batch").shaping();
  /** Spark's shortest real-time batch ({@code spark.sql.streaming.realTimeMode.minBatchDuration}). */
  public static final long MIN_REAL_TIME_INTERVAL_MS = 5_000;
  /**
   * A real-time batch ends with a pause of 0.1 to 0.5 s (its commit, the next batch's planning
   * and tasks) that every record arriving then waits out: at 5 s batches that was 2 % of the
   * records, p99 483 ms against p50 5 ms (docs/performance.md). A minute keeps it under 1 %.
   */
  public static final OptionSpec REAL_TIME_INTERVAL = OptionSpec.duration("realtime-interval",
      "D", "with --trigger realtime: how often progress is checkpointed and committed to the"
          + " group, at least 5s; a restart prints again the lines printed since", "1m")
      .notShaping();

  /** The trigger of {@code v}; real-time mode is the structured engine's only. */
  static TriggerMode parse(OptionValues v, boolean structured) throws UsageException {
    boolean realTime = v.choice(TRIGGER, TRIGGERS.toArray(new String[0])).equals("realtime");
    if (realTime && !structured) {
      throw new UsageException(TRIGGER.flagName() + " realtime is Structured Streaming's"
          + " real-time mode; add --engine structured");
    }
    long intervalMs = v.duration(REAL_TIME_INTERVAL);
    if (v.given(REAL_TIME_INTERVAL.name()) && !realTime) {
      throw new UsageException(REAL_TIME_INTERVAL.flagName() + " is the checkpoint interval of"
          + " --trigger realtime; add it, or leave the option out");
    }
    if (intervalMs < MIN_REAL_TIME_INTERVAL_MS) {
      throw new UsageException(REAL_TIME_INTERVAL.flagName() + " must be at least 5s, Spark's"
          + " shortest real-time batch (got " + v.text(REAL_TIME_INTERVAL) + ")");
    }
    return new TriggerMode(realTime, intervalMs);
  }
}
