package dstream.wordcount.outputs.db;

import java.io.Serializable;
import java.util.Iterator;

/**
 * A store that keeps the exactly-once protocol of {@link StoreBatches}: the SQL tables of
 * {@code --db} ({@link JdbcStore}) or the MongoDB collections of {@code --mongo}. Made on the
 * driver for each batch with the run's credentials and sent inside the partition tasks, never kept
 * in the graph (so never in a checkpoint).
 */
public interface BatchStore extends Serializable {
  /** How the logs name the store: {@code database}, {@code mongodb}. */
  String name();

  /** The commit marker a reader looks for, as the logs name it: {@code wordcount_batches}. */
  String batchesName();

  /** How long one batch keeps retrying a failing store, in ms. */
  long retryForMs();

  /** Driver: true when batch {@code t} is completely in the store. */
  boolean isCommitted(long t) throws Exception;

  /** Driver: removes what an unfinished attempt of batch {@code t} wrote. */
  void clearPartial(long t) throws Exception;

  /** Executor: writes one partition's rows as idempotent upserts; returns how many. */
  long writePartition(Iterator<DbRow> rows) throws Exception;

  /** Driver, after every partition succeeded: marks batch {@code t} complete. */
  void commit(long t, long records) throws Exception;

  /** True when {@code e} comes from the store (worth a retry), not from the job itself. */
  boolean isStoreFailure(Throwable e);

  /** Drops this JVM's idle connections to the store after a failure: the next try connects anew. */
  void reset();

  /**
   * True when {@code e} or a cause is an instance of {@code type}, or names one of
   * {@code names} in its message: a task's exception reaches the driver as text inside a
   * SparkException.
   */
  static boolean causedBy(Throwable e, Class<?> type, String... names) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      String m = t.getMessage();
      for (String name : names) {
        if (m != null && m.contains(name)) {
          return true;
        }
      }
    }
    return false;
  }
}
