package dstream.wordcount.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;

/**
 * Records every completed batch as Spark's own scheduler saw it: processing time (first job start
 * to last job end, so ingestion of pre-cached input and waiting in the queue are not in it),
 * scheduling delay (how long the batch waited for the previous ones) and, for receivers, the
 * number of records received.
 */
final class BatchTimes implements StreamingListener {
  /** One completed batch. */
  record Batch(long timeMs, long records, long processingMs, long schedulingMs) {}

  private final List<Batch> batches = new ArrayList<>();

  @Override
  public synchronized void onBatchCompleted(StreamingListenerBatchCompleted event) {
    BatchInfo b = event.batchInfo();
    batches.add(new Batch(b.batchTime().milliseconds(), b.numRecords(),
        b.processingDelay().getOrElse(() -> -1L), b.schedulingDelay().getOrElse(() -> -1L)));
    notifyAll();
  }

  /** Waits until {@code n} batches completed or {@code timeoutMs} passed; true when they did. */
  synchronized boolean await(int n, long timeoutMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    while (batches.size() < n) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return false;
      }
      wait(left);
    }
    return true;
  }

  /** The batches completed so far, in completion order. */
  synchronized List<Batch> batches() {
    return List.copyOf(batches);
  }

  /** Processing times of batches {@code from} (inclusive) to {@code to} (exclusive). */
  static List<Long> processing(List<Batch> batches, int from, int to) {
    List<Long> out = new ArrayList<>();
    for (Batch b : batches.subList(from, Math.min(to, batches.size()))) {
      out.add(b.processingMs());
    }
    return out;
  }

  /** Scheduling delays of batches {@code from} (inclusive) to {@code to} (exclusive). */
  static List<Long> scheduling(List<Batch> batches, int from, int to) {
    List<Long> out = new ArrayList<>();
    for (Batch b : batches.subList(from, Math.min(to, batches.size()))) {
      out.add(b.schedulingMs());
    }
    return out;
  }
}
