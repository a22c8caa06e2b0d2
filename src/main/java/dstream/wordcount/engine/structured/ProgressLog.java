package dstream.wordcount.engine.structured;

import dstream.wordcount.core.LagWatch;
import dstream.wordcount.live.RunState;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The structured engine's per-batch line, the same as the DStream engine's: records, processing
 * time and scheduling delay of each micro-batch, plus the JSON records skipped, the lag warning
 * and the run's batch observers (the dashboard's timing chart). A micro-batch's scheduling delay
 * is how late it started after its trigger slot (triggers fire on multiples of {@code --batch}).
 */
final class ProgressLog extends QueryProgressListener {
  private static final Logger LOG = LoggerFactory.getLogger("dstream.wordcount.batches");
  private static final Logger LAG = LoggerFactory.getLogger("dstream.wordcount.lag");
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  /** A trigger starting this close before its slot is on time. */
  private static final long EARLY_MS = 50;
  private final BatchWriter writer;
  private final long batchMs;
  private final JsonRecords.Skips skips;
  private final RunState run;
  private final LagWatch lag;
  /** Under {@code --event-time}: the line says how many late rows the windows dropped. */
  private final boolean eventTime;
  /** Batch lines written so far; guarded by {@code this}. */
  private long reported;

  ProgressLog(BatchWriter writer, long batchMs, JsonRecords.Skips skips, RunState run,
      boolean eventTime) {
    this.writer = writer;
    this.eventTime = eventTime;
    this.batchMs = batchMs;
    this.skips = skips;
    this.run = run;
    this.lag = new LagWatch(batchMs);
  }

  @Override
  void onProgress(StreamingQueryProgress p) {
    long time = writer.takeTime(p.batchId());
    long started = Instant.parse(p.timestamp()).toEpochMilli();
    if (time < 0) {
      time = started;
    }
    LOG.debug("batch {} durations {}", p.batchId(), p.durationMs());
    Long processing = p.durationMs().get("triggerExecution");
    long processingMs = processing == null ? -1 : processing;
    long delayMs = Math.floorMod(started, batchMs);
    if (delayMs > batchMs - EARLY_MS) {
      delayMs = 0; // the trigger's clock read a moment before its slot
    }
    LOG.info("batch {}: {} records{}{}, processing {} ms, scheduling delay {} ms",
        CLOCK.format(Instant.ofEpochMilli(time)), p.numInputRows(), skipped(), late(p),
        processingMs, delayMs);
    switch (lag.onBatch(time, delayMs)) {
      case BEHIND -> LAG.warn(lag.behindLine(delayMs));
      case CAUGHT_UP -> LAG.info(lag.caughtUpLine(time, delayMs));
      case NONE -> { }
    }
    run.batchCompleted(time, p.numInputRows(), processingMs, delayMs);
    synchronized (this) {
      reported++;
      notifyAll();
    }
  }

  /**
   * Waits up to {@code timeoutMs} until {@code batches} batch lines are written: Spark posts a
   * micro-batch's progress after its outputs, so a stop right after the last one would otherwise
   * drop its line (and the dashboard's last batch). Never throws: it runs while a stop (or a
   * failure, whose error must stay the run's last line) is under way.
   */
  synchronized void awaitReported(long batches, long timeoutMs) {
    long deadline = System.currentTimeMillis() + timeoutMs;
    long left;
    try {
      while (reported < batches && (left = deadline - System.currentTimeMillis()) > 0) {
        wait(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * ", 3 late rows dropped" under {@code --event-time}, else "": Spark's count of the rows its
   * window aggregation dropped as behind the watermark. It counts after Spark's partial
   * aggregation, so a late row is a (window, word) count for window and top, a window's
   * partial sum or line list for the others, per input partition (docs/engines.md).
   */
  private String late(StreamingQueryProgress p) {
    if (!eventTime) {
      return "";
    }
    return ", " + LateRows.dropped(p) + " late rows dropped";
  }

  /** ", 2 skipped (not a JSON string)" under --format json, else "". */
  private String skipped() {
    return skips == null ? "" : skips.sinceLast();
  }
}
