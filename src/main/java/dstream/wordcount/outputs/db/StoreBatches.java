package dstream.wordcount.outputs.db;

import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Spark side of the exactly-once protocol every {@link BatchStore} keeps, for one batch keyed
 * by its batch time T (end of the batch or window, epoch ms):
 *
 * <ol>
 *   <li>driver: T already committed: the batch is complete, skip it (a re-run after recovery);
 *   <li>driver: clear what an unfinished attempt of T left;
 *   <li>each partition: its rows as idempotent upserts (a retried task rewrites the same keys);
 *   <li>driver, after every partition succeeded: the commit marker of T, last.
 * </ol>
 * A store that fails is retried as a whole (every step is idempotent) for up to
 * {@link BatchStore#retryForMs()}; later batches wait meanwhile, since Spark runs one batch's jobs
 * at a time. A batch still failing then fails its output operation without its commit marker.
 */
public final class StoreBatches {
  private static final Logger LOG = LoggerFactory.getLogger(StoreBatches.class);
  private static final long RETRY_PAUSE_MS = 1_000;

  private StoreBatches() {}

  /** Writes batch {@code t}'s {@code rows} into {@code store}, retried while the store fails. */
  public static void write(JavaRDD<DbRow> rows, long t, BatchStore store) throws Exception {
    long deadline = System.currentTimeMillis() + store.retryForMs();
    int attempt = 1;
    while (true) {
      try {
        attempt(rows, t, store);
        if (attempt > 1) {
          LOG.info("{}: batch {} written after {} attempts", store.name(), t, attempt);
        }
        return;
      } catch (Exception e) {
        if (!store.isStoreFailure(e) || System.currentTimeMillis() + RETRY_PAUSE_MS > deadline) {
          LOG.error("{}: batch {} not written (no {} row): {}", store.name(), t,
              store.batchesName(), rootMessage(e));
          throw e;
        }
        LOG.warn("{}: batch {} attempt {} failed ({}); retrying for up to {} s", store.name(), t,
            attempt, rootMessage(e), (deadline - System.currentTimeMillis()) / 1000);
        store.reset();
        Thread.sleep(RETRY_PAUSE_MS);
        attempt++;
      }
    }
  }

  private static void attempt(JavaRDD<DbRow> rows, long t, BatchStore store) throws Exception {
    if (store.isCommitted(t)) {
      LOG.info("{}: batch {} is already committed; skipped (a re-run after recovery)",
          store.name(), t);
      // Computed all the same: a stateful structured query commits its state stores only when
      // its records are computed, and Spark 4.2 fails the micro-batch otherwise
      // (STATE_STORE_COMMIT_VALIDATION_FAILED, seen on a re-run after a SIGKILL).
      rows.count();
      return;
    }
    store.clearPartial(t);
    // One long per partition comes back, not the rows: the writes happen on the executors.
    long records = rows.mapPartitions(it -> partition(it, store)).fold(0L, Long::sum);
    store.commit(t, records);
    LOG.info("{}: batch {} committed, {} records", store.name(), t, records);
  }

  private static Iterator<Long> partition(Iterator<DbRow> rows, BatchStore store)
      throws Exception {
    return List.of(rows.hasNext() ? store.writePartition(rows) : 0L).iterator();
  }

  /** The innermost cause's class and first line, for one log line. */
  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + firstLine(String.valueOf(t.getMessage()));
  }

  /** The first line of {@code s}; empty for null. */
  public static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
