package dstream.wordcount.outputs.db;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * The kinds of database a {@code --db} URL may name, and what each needs on a new connection.
 * Connections are opened through the driver class itself rather than {@code DriverManager}: under
 * spark-submit the drivers sit in the application jar's class loader, which {@code DriverManager}
 * does not search.
 */
public enum DbKind {
  /** An embedded SQLite file: {@code jdbc:sqlite:PATH}. */
  SQLITE("jdbc:sqlite:"),
  /** A PostgreSQL server: {@code jdbc:postgresql://HOST:PORT/DB}. */
  POSTGRESQL("jdbc:postgresql:");

  /** How long a SQLite writer waits for another partition's transaction instead of failing. */
  static final int SQLITE_BUSY_TIMEOUT_MS = 60_000;

  private final String urlPrefix;

  DbKind(String urlPrefix) {
    this.urlPrefix = urlPrefix;
  }

  /** The kind of {@code url}, or null when it is neither. */
  public static DbKind of(String url) {
    for (DbKind k : values()) {
      if (url.startsWith(k.urlPrefix)) {
        return k;
      }
    }
    return null;
  }

  /** Opens a connection with auto-commit on. */
  Connection open(String url, String user, String password) throws SQLException {
    Properties p = new Properties();
    if (this == SQLITE) {
      // Partitions write at once: a writer queues behind another for up to the busy timeout, and
      // a transaction takes the write lock when it begins, so two never deadlock upgrading.
      p.setProperty("busy_timeout", Integer.toString(SQLITE_BUSY_TIMEOUT_MS));
      p.setProperty("transaction_mode", "IMMEDIATE");
      Connection c = new org.sqlite.JDBC().connect(url, p);
      try (Statement s = c.createStatement()) {
        // WAL: readers (sqlite3, a dashboard) never block the writers, nor the writers them.
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA busy_timeout=" + SQLITE_BUSY_TIMEOUT_MS);
      }
      return c;
    }
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    // Fail fast on an unreachable server, and never hang forever on a dead one.
    p.setProperty("connectTimeout", "10");
    p.setProperty("socketTimeout", "120");
    p.setProperty("ApplicationName", "dstream-wordcount");
    Connection c = new org.postgresql.Driver().connect(url, p);
    if (c == null) {
      throw new SQLException("the PostgreSQL driver does not accept this URL");
    }
    return c;
  }
}
