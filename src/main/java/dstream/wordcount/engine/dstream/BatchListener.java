package dstream.wordcount.engine.dstream;

import dstream.wordcount.core.LagWatch;
import dstream.wordcount.live.RunState;
import dstream.wordcount.sources.RecordFormat;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.ReceiverInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverError;
import org.apache.spark.streaming.scheduler.StreamingListenerReceiverStopped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Driver-side view of the running job: logs one summary line per batch, counts completed batches
 * (a finite replay stops on that count), and turns receiver restarts into one plain sentence
 * for the user instead of Spark's stack traces, and says when the job falls behind and when it has
 * caught up ({@link LagWatch}, one line each per episode). Not part of the checkpointed graph: it is added again
 * after every start or recovery.
 */
final class BatchListener implements StreamingListener {
  private static final Logger LOG = LoggerFactory.getLogger("dstream.wordcount.batches");
  private static final Logger LAG = LoggerFactory.getLogger("dstream.wordcount.lag");
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final String RESTARTING = "Restarting receiver with delay ";

  private final String sourceName;
  private final String receiverHint;
  private final AtomicLong completed = new AtomicLong();
  private final AtomicBoolean receiverDown = new AtomicBoolean();
  private final LagWatch lag;
  private volatile boolean stopping;
  private volatile RunState run;

  BatchListener(String sourceName, String receiverHint, long batchMs) {
    this.sourceName = sourceName;
    this.receiverHint = receiverHint;
    this.lag = new LagWatch(batchMs);
  }

  long completedBatches() {
    return completed.get();
  }

  /**
   * Makes each batch line say how many records {@code --format json} skipped in {@code run}, and
   * tells the run's batch observers about each batch.
   */
  void countSkipsOf(RunState run) {
    this.run = run;
  }

  void stopping() {
    stopping = true;
  }

  @Override
  public void onBatchCompleted(StreamingListenerBatchCompleted event) {
    BatchInfo b = event.batchInfo();
    completed.incrementAndGet();
    LOG.info("batch {}: {} records{}, processing {} ms, scheduling delay {} ms",
        CLOCK.format(Instant.ofEpochMilli(b.batchTime().milliseconds())),
        b.numRecords(), skipped(b.batchTime().milliseconds()),
        b.processingDelay().getOrElse(() -> -1L),
        b.schedulingDelay().getOrElse(() -> -1L));
    reportLag(b.batchTime().milliseconds(), b.schedulingDelay().getOrElse(() -> -1L));
    RunState r = run;
    if (r != null) {
      r.batchCompleted(b.batchTime().milliseconds(), b.numRecords(),
          ((Number) b.processingDelay().getOrElse(() -> -1L)).longValue(),
          ((Number) b.schedulingDelay().getOrElse(() -> -1L)).longValue());
    }
    if (b.numRecords() > 0 && receiverDown.compareAndSet(true, false)) {
      System.err.println(sourceName + " source: receiving lines again");
    }
  }

  /** ", 2 skipped (not a JSON string)" for a batch of a --format json job, else "". */
  private String skipped(long batchTimeMs) {
    RunState r = run;
    RecordFormat.Skips skips = r == null ? null : r.get(RecordFormat.Skips.class);
    if (skips == null) {
      return "";
    }
    return ", " + skips.take(batchTimeMs) + " skipped (not " + skips.expected() + ")";
  }

  private void reportLag(long batchTimeMs, Object delay) {
    long delayMs = ((Number) delay).longValue();
    switch (lag.onBatch(batchTimeMs, delayMs)) {
      case BEHIND -> LAG.warn(lag.behindLine(delayMs));
      case CAUGHT_UP -> LAG.info(lag.caughtUpLine(batchTimeMs, delayMs));
      case NONE -> { }
    }
  }

  @Override
  public void onReceiverStopped(StreamingListenerReceiverStopped event) {
    reportReceiverProblem(event.receiverInfo());
  }

  @Override
  public void onReceiverError(StreamingListenerReceiverError event) {
    reportReceiverProblem(event.receiverInfo());
  }

  private void reportReceiverProblem(ReceiverInfo info) {
    String message = info.lastErrorMessage();
    if (stopping || message == null || message.isEmpty()) {
      return;
    }
    int at = message.indexOf(RESTARTING);
    String reason = at >= 0 ? message.substring(message.indexOf(": ", at) + 2) : message;
    LOG.debug("receiver {} stopped: {}", info.streamId(), message);
    if (!receiverDown.compareAndSet(false, true)) {
      return; // say it once per outage, not every two seconds
    }
    String trace = info.lastError();
    if (trace != null && trace.contains(UnknownHostException.class.getName())) {
      return; // the socket source said at start, in its own words, that the name does not resolve
    }
    String hint = reason.startsWith("Error connecting") && receiverHint != null
        ? ": nothing accepts connections there. " + receiverHint
        : "; reconnecting every 2 s";
    System.err.println(sourceName + " source: " + reason + hint);
  }
}
