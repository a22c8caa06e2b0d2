package dstream.wordcount.bench;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchCompleted;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchStarted;

/**
 * Records every completed batch as Spark's own scheduler saw it: processing time (first job start
 * to last job end, so ingestion of pre-cached input and waiting in the queue are not in it),
 * scheduling delay (how long the batch waited for the previous ones) and, for receivers, the
 * number of records received. Beside the wall-clock times it records the CPU time the whole JVM
 * (driver and, in local mode, executors) used between the batch's start and end events: on a
 * machine shared with other work, wall-clock time mostly measures the neighbours, CPU time much
 * less so.
 */
final class BatchTimes implements StreamingListener {
  /** One completed batch; {@code cpuMs} is -1 when the JVM cannot tell its CPU time. */
  record Batch(long timeMs, long records, long processingMs, long schedulingMs, long cpuMs) {}

  private final List<Batch> batches = new ArrayList<>();
  private final Map<Long, Long> cpuAtStart = new HashMap<>();

  /** CPU time of this JVM so far, in ns, or -1. */
  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  @Override
  public synchronized void onBatchStarted(StreamingListenerBatchStarted event) {
    cpuAtStart.put(event.batchInfo().batchTime().milliseconds(), processCpuNanos());
  }

  @Override
  public synchronized void onBatchCompleted(StreamingListenerBatchCompleted event) {
    BatchInfo b = event.batchInfo();
    long time = b.batchTime().milliseconds();
    Long start = cpuAtStart.remove(time);
    long now = processCpuNanos();
    long cpu = start == null || start < 0 || now < 0 ? -1 : (now - start) / 1_000_000;
    batches.add(new Batch(time, b.numRecords(), b.processingDelay().getOrElse(() -> -1L),
        b.schedulingDelay().getOrElse(() -> -1L), cpu));
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

  /** CPU times of batches {@code from} (inclusive) to {@code to} (exclusive). */
  static List<Long> cpu(List<Batch> batches, int from, int to) {
    List<Long> out = new ArrayList<>();
    for (Batch b : batches.subList(from, Math.min(to, batches.size()))) {
      out.add(b.cpuMs());
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
