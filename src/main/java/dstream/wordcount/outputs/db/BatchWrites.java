package dstream.wordcount.outputs.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The SQL steps of the exactly-once protocol, plain JDBC so they are tested without Spark. For one
 * batch, keyed by its batch time T (end of the batch or window, epoch ms):
 *
 * <ol>
 *   <li>driver: {@link #isCommitted} - a batches row for T exists: the batch is complete, skip it;
 *   <li>driver: {@link #clearPartial} - delete the rows of T a previous, unfinished attempt left
 *       in the per-batch tables;
 *   <li>each partition: {@link #writeRows} - its rows in one transaction, as idempotent upserts
 *       in batches of statements (a retried task rewrites the same keys);
 *   <li>driver, after every partition succeeded: {@link #commit} - the batches row of T.
 * </ol>
 * A reader's contract: a batch's rows are complete once its batches row exists. Rows of T without
 * a batches row belong to an attempt in progress or one that died; the next attempt replaces them.
 * The totals table holds one row per word, so it cannot be replaced per batch: its upsert keeps
 * the newest batch's total ({@code WHERE excluded.batch_time >= totals.batch_time}), and a re-run
 * batch, recomputed from the same checkpointed state and input, writes the same totals again.
 */
public final class BatchWrites {
  /** Statements sent per round trip. */
  static final int STATEMENT_BATCH = 500;

  private BatchWrites() {}

  /** True when batch {@code batchTime} is completely in the database. */
  public static boolean isCommitted(Connection c, String prefix, long batchTime)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT 1 FROM " + DbTable.BATCHES.name(prefix) + " WHERE batch_time = ?")) {
      ps.setLong(1, batchTime);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** Removes what an unfinished attempt of batch {@code batchTime} wrote to {@code tables}. */
  public static void clearPartial(Connection c, String prefix, List<DbTable> tables,
      long batchTime) throws SQLException {
    for (DbTable t : tables) {
      if (!t.keyedByBatch()) {
        continue;
      }
      try (PreparedStatement ps =
          c.prepareStatement("DELETE FROM " + t.name(prefix) + " WHERE batch_time = ?")) {
        ps.setLong(1, batchTime);
        ps.executeUpdate();
      }
    }
  }

  /**
   * Writes {@code rows} in one transaction on {@code c} (auto-commit is restored afterwards) and
   * returns how many were written. An eviction row also deletes the word's total, unless a newer
   * batch wrote it again.
   */
  public static long writeRows(Connection c, String prefix, Iterator<DbRow> rows)
      throws SQLException {
    Map<DbTable, PreparedStatement> statements = new EnumMap<>(DbTable.class);
    Map<DbTable, Integer> pending = new EnumMap<>(DbTable.class);
    PreparedStatement evict = null;
    long written = 0;
    c.setAutoCommit(false);
    try {
      while (rows.hasNext()) {
        DbRow row = rows.next();
        PreparedStatement ps = statements.get(row.table());
        if (ps == null) {
          ps = c.prepareStatement(row.table().upsertSql(prefix));
          statements.put(row.table(), ps);
        }
        Object[] v = row.values();
        for (int i = 0; i < v.length; i++) {
          ps.setObject(i + 1, v[i]);
        }
        ps.addBatch();
        if (row.table() == DbTable.EVICTIONS) {
          if (evict == null) {
            evict = c.prepareStatement("DELETE FROM " + DbTable.TOTALS.name(prefix)
                + " WHERE word = ? AND batch_time <= ?");
          }
          evict.setObject(1, v[1]);
          evict.setObject(2, v[0]);
          evict.addBatch();
        }
        written++;
        int n = pending.merge(row.table(), 1, Integer::sum);
        if (n >= STATEMENT_BATCH) {
          ps.executeBatch();
          pending.put(row.table(), 0);
          if (row.table() == DbTable.EVICTIONS) {
            evict.executeBatch();
          }
        }
      }
      for (Map.Entry<DbTable, PreparedStatement> e : statements.entrySet()) {
        if (pending.getOrDefault(e.getKey(), 0) > 0) {
          e.getValue().executeBatch();
        }
      }
      if (evict != null && pending.getOrDefault(DbTable.EVICTIONS, 0) > 0) {
        evict.executeBatch();
      }
      c.commit();
      return written;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    } finally {
      for (PreparedStatement ps : statements.values()) {
        ps.close();
      }
      if (evict != null) {
        evict.close();
      }
      c.setAutoCommit(true);
    }
  }

  /** Marks batch {@code batchTime} complete: written last, after every partition's rows. */
  public static void commit(Connection c, String prefix, long batchTime, String pipeline,
      long records) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(DbTable.BATCHES.upsertSql(prefix))) {
      ps.setLong(1, batchTime);
      ps.setString(2, pipeline);
      ps.setLong(3, records);
      ps.setLong(4, System.currentTimeMillis());
      ps.executeUpdate();
    }
  }
}
