package dstream.wordcount.outputs.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small pool of connections per JVM (driver and each executor) and database, the
 * "connection per partition from a pool" of Spark's streaming guide: a partition borrows one and
 * gives it back, so a batch does not pay a PostgreSQL login per partition. Idle connections are
 * checked before reuse, so a database that restarted costs one failed check, not a failed batch.
 * The pool is per JVM, not per run, because the executors' partition writes need it and receive
 * only the serialized settings; it is keyed by database and user, so runs do not share connections.
 */
public final class DbConnections {
  /** Idle connections kept per database; more may be open while many partitions run at once. */
  static final int MAX_IDLE = 4;
  private static final int VALID_CHECK_S = 2;
  private static final Map<String, BlockingQueue<Connection>> IDLE = new ConcurrentHashMap<>();

  private DbConnections() {}

  /** A connection to the database of {@code s}, auto-commit on. */
  public static Connection borrow(DbSettings s, DbCredentials c) throws SQLException {
    BlockingQueue<Connection> idle = idle(s, c);
    Connection conn;
    while ((conn = idle.poll()) != null) {
      if (conn.isValid(VALID_CHECK_S)) {
        conn.setAutoCommit(true);
        return conn;
      }
      closeQuietly(conn);
    }
    return s.kind().open(s.url(), c.user(), c.password());
  }

  /**
   * Returns {@code conn}; {@code healthy} false (it failed mid-way) closes it instead, since its
   * state is unknown.
   */
  public static void release(DbSettings s, DbCredentials c, Connection conn, boolean healthy) {
    if (conn == null) {
      return;
    }
    if (!healthy || !idle(s, c).offer(conn)) {
      closeQuietly(conn);
    }
  }

  /**
   * Closes the idle connections to the database of {@code s} as {@code c} (after a failure there),
   * leaving other runs' databases alone.
   */
  public static void closeIdle(DbSettings s, DbCredentials c) {
    drain(idle(s, c));
  }

  /** Closes every idle connection of this JVM: the end of its last run (the benchmark). */
  public static void closeAll() {
    IDLE.values().forEach(DbConnections::drain);
  }

  private static void drain(BlockingQueue<Connection> q) {
    Connection conn;
    while ((conn = q.poll()) != null) {
      closeQuietly(conn);
    }
  }

  private static BlockingQueue<Connection> idle(DbSettings s, DbCredentials c) {
    // The key is in memory only; the password is part of it so a changed one opens new connections.
    String key = s.url() + '\u0000' + c.user() + '\u0000' + c.password();
    return IDLE.computeIfAbsent(key, k -> new ArrayBlockingQueue<>(MAX_IDLE));
  }

  static void closeQuietly(Connection conn) {
    try {
      conn.close();
    } catch (SQLException e) {
      // already broken: nothing to do
    }
  }
}
