package dstream.wordcount.live;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.streaming.scheduler.BatchInfo;
import org.apache.spark.streaming.scheduler.OutputOperationInfo;
import org.apache.spark.streaming.scheduler.StreamingListener;
import org.apache.spark.streaming.scheduler.StreamingListenerBatchSubmitted;
import org.apache.spark.streaming.scheduler.StreamingListenerOutputOperationCompleted;
import scala.Option;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Driver-side record of how each batch's output operations ended in one run, fed by its
 * {@link #listener()}; each {@link RunState} has its own.
 *
 * <p>Why it exists: Spark Streaming runs a batch's output operations one after the other, but a
 * failed one does not stop the next ones (its error only reaches {@code awaitTermination}). An
 * output operation registered last, such as the Kafka source's offset commit, therefore asks here
 * whether every earlier output of its batch succeeded before doing anything irreversible. Listener
 * events arrive asynchronously, so the question waits (bounded) for them.
 */
public final class OutputOutcomes {
  private static final int KEPT_BATCHES = 200;
  private final Object lock = new Object();
  /** Batch time (ms) to the ids of its output operations, as submitted. */
  private final TreeMap<Long, Set<Integer>> submitted = new TreeMap<>();
  /** Batch time (ms) to the outcome of each completed output operation: null ok, else reason. */
  private final TreeMap<Long, Map<Integer, String>> completed = new TreeMap<>();
  private final StreamingListener feed = new Feed();

  OutputOutcomes() {}

  /**
   * The listener that feeds this record; every context that runs a source with an after-output
   * step (the Kafka commit) must have it: {@link RunState#listeners()} includes it.
   */
  public StreamingListener listener() {
    return feed;
  }

  /** Forwards Spark's batch and output-operation events to the record. */
  private final class Feed implements StreamingListener {
    @Override
    public void onBatchSubmitted(StreamingListenerBatchSubmitted event) {
      batchSubmitted(event.batchInfo());
    }

    @Override
    public void onOutputOperationCompleted(StreamingListenerOutputOperationCompleted event) {
      outputCompleted(event.outputOperationInfo());
    }
  }

  /** Records the output operations of a submitted batch. */
  void batchSubmitted(BatchInfo batch) {
    Set<Integer> ids = new TreeSet<>();
    for (Object id : CollectionConverters.asJava(batch.outputOperationInfos().keySet())) {
      ids.add((Integer) id);
    }
    synchronized (lock) {
      submitted.put(batch.batchTime().milliseconds(), ids);
      trim(submitted);
      lock.notifyAll();
    }
  }

  /** Records the outcome of one output operation; called like {@link #batchSubmitted}. */
  void outputCompleted(OutputOperationInfo info) {
    Option<String> failure = info.failureReason();
    synchronized (lock) {
      completed.computeIfAbsent(info.batchTime().milliseconds(), t -> new HashMap<>())
          .put(info.id(), failure.isDefined() ? firstLine(failure.get()) : null);
      trim(completed);
      lock.notifyAll();
    }
  }

  /**
   * Waits until every output operation of batch {@code batchTimeMs} except the last one (the
   * caller) has completed, at most {@code timeoutMs}.
   *
   * @return null when all of them succeeded, otherwise why the caller must not go on
   */
  public String awaitEarlierOutputs(long batchTimeMs, long timeoutMs)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + timeoutMs;
    synchronized (lock) {
      while (true) {
        Set<Integer> ids = submitted.get(batchTimeMs);
        if (ids != null) {
          Map<Integer, String> done = completed.getOrDefault(batchTimeMs, Map.of());
          int last = ids.stream().mapToInt(Integer::intValue).max().orElse(-1);
          boolean all = true;
          for (int id : ids) {
            if (id == last) {
              continue;
            }
            if (!done.containsKey(id)) {
              all = false;
            } else if (done.get(id) != null) {
              return "output operation " + id + " failed: " + done.get(id);
            }
          }
          if (all) {
            return null;
          }
        }
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          return "the outcome of the batch's outputs was not known within " + timeoutMs + " ms";
        }
        lock.wait(left);
      }
    }
  }

  private static void trim(TreeMap<Long, ?> byTime) {
    while (byTime.size() > KEPT_BATCHES) {
      byTime.pollFirstEntry();
    }
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
