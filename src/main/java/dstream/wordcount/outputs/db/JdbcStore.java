package dstream.wordcount.outputs.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;

/**
 * The SQL tables of {@code --db} as a {@link BatchStore}: {@link BatchWrites}' statements on
 * pooled connections ({@link DbConnections}), one transaction per partition.
 *
 * @param s the output's settings (no credentials)
 * @param c the run's credentials, carried to the executors inside the task
 * @param retryForMs {@code db.retry-for}
 */
record JdbcStore(DbSettings s, DbCredentials c, long retryForMs) implements BatchStore {
  @Override
  public String name() {
    return "database";
  }

  @Override
  public String batchesName() {
    return DbTable.BATCHES.name(s.prefix());
  }

  @Override
  public boolean isCommitted(long t) throws SQLException {
    return withConnection(conn -> BatchWrites.isCommitted(conn, s.prefix(), t));
  }

  @Override
  public void clearPartial(long t) throws SQLException {
    withConnection(conn -> {
      BatchWrites.clearPartial(conn, s.prefix(), s.tables(), t);
      return null;
    });
  }

  @Override
  public long writePartition(Iterator<DbRow> rows) throws SQLException {
    return withConnection(conn -> BatchWrites.writeRows(conn, s.prefix(), rows));
  }

  @Override
  public void commit(long t, long records) throws SQLException {
    withConnection(conn -> {
      BatchWrites.commit(conn, s.prefix(), t, s.pipeline(), records);
      return null;
    });
  }

  @Override
  public boolean isStoreFailure(Throwable e) {
    return BatchStore.causedBy(e, SQLException.class, "SQLException", "PSQLException");
  }

  @Override
  public void reset() {
    DbConnections.closeIdle(s, c);
  }

  /** One step on a pooled connection; a connection that failed mid-way is closed, not pooled. */
  private <T> T withConnection(Step<T> step) throws SQLException {
    Connection conn = DbConnections.borrow(s, c);
    boolean healthy = false;
    try {
      T result = step.run(conn);
      healthy = true;
      return result;
    } finally {
      DbConnections.release(s, c, conn, healthy);
    }
  }

  private interface Step<T> {
    T run(Connection conn) throws SQLException;
  }

  @Override
  public String toString() {
    return "JdbcStore[" + s.url() + ", " + c + "]";
  }
}
