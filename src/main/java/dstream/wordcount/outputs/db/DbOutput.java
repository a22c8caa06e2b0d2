package dstream.wordcount.outputs.db;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.core.BatchStats;
import dstream.wordcount.core.StateUpdate;
import dstream.wordcount.pipelines.PipelineOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The database output ({@code --db}): every batch's results, exactly once, into the tables of
 * {@link DbTable} in SQLite or PostgreSQL. The Spark side of {@link BatchWrites}' protocol: the
 * driver checks and clears by batch time, the partitions write in parallel
 * ({@code foreachRDD} + per-partition writes, a pooled connection each), and the driver marks the
 * batch complete once all of them succeeded.
 *
 * <p>A database that goes away: the whole batch is retried (every step is idempotent) for up to
 * {@link #RETRY_FOR_MS}; later batches wait meanwhile, since Spark runs one batch's jobs at a time.
 * A batch still failing then fails its output operation: it has no batches row, the error is
 * logged, the Kafka source commits no offsets from that batch on, and the job goes on with the
 * next batch.
 */
public final class DbOutput {
  private static final Logger LOG = LoggerFactory.getLogger(DbOutput.class);
  /** How long one batch keeps retrying a database that fails. */
  public static final long RETRY_FOR_MS = 60_000;
  private static final long RETRY_PAUSE_MS = 1_000;

  private DbOutput() {}

  /**
   * Checks the output before Spark starts: creates a SQLite file's directory, connects (wrong
   * password, unreachable server), creates missing tables and refuses foreign ones; then registers
   * the run's credentials for the batches to use.
   *
   * @throws UsageException one line naming {@code --db} and the fix
   */
  public static void validate(DbSettings.Parsed parsed) throws UsageException {
    DbSettings s = parsed.settings();
    String shown = DbSettings.redact(s.url());
    if (s.kind() == DbKind.SQLITE) {
      Path parent = s.sqliteFile().toAbsolutePath().getParent();
      try {
        Files.createDirectories(parent);
      } catch (IOException | SecurityException e) {
        throw new UsageException("--db " + shown + ": cannot create directory " + parent
            + "; choose a writable location");
      }
    }
    List<DbTable> tables = new ArrayList<>(s.tables());
    tables.add(DbTable.BATCHES);
    DbCredentials c = parsed.credentials();
    try (Connection conn = s.kind().open(s.url(), c.user(), c.password())) {
      DbSchema.ensure(conn, s.prefix(), tables);
    } catch (DbSchema.ShapeMismatch e) {
      throw new UsageException("--db " + shown + ": " + e.getMessage());
    } catch (SQLException e) {
      throw new UsageException("--db " + shown + ": " + connectProblem(e));
    }
    DbCredentials.register(s.url(), c);
  }

  /** One line saying why a connection failed, and what to do. */
  static String connectProblem(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String msg = firstLine(e.getMessage());
    if (state.equals("28P01") || state.equals("28000")) {
      return msg + "; check db.user and db.password in the conf file (or user/password in the URL)";
    }
    if (state.startsWith("08")) {
      return "cannot connect (" + msg + "); is the server running? (bin/postgres-local status)";
    }
    if (state.equals("3D000")) {
      return msg + "; create it or name an existing database in the URL";
    }
    return msg;
  }

  /** Adds the database output of {@code out} to the graph. */
  public static void attach(PipelineOutput out, DbSettings s) {
    switch (out.kind()) {
      case COUNTS:
        out.counts().foreachRDD((rdd, time) -> writeCounts(rdd, time, s));
        break;
      case TOTALS:
        out.counts().foreachRDD((rdd, time) -> writeTotals(rdd, time, s));
        break;
      case UPDATES:
        out.updates().foreachRDD((rdd, time) -> writeUpdates(rdd, time, s));
        break;
      case NUMBERS:
        out.numbers().foreachRDD((rdd, time) -> writeNumbers(rdd, time, s));
        break;
      case LINES:
        out.lines().foreachRDD((rdd, time) -> writeLines(rdd, time, s));
        break;
      case STATS:
        out.stats().foreachRDD((rdd, time) -> writeStats(rdd, time, s));
        break;
      default:
        throw new IllegalArgumentException("no database table for " + out.kind());
    }
  }

  // One method per result kind: the row closures capture the batch time as a long, nothing else.

  private static void writeCounts(JavaPairRDD<String, Long> rdd, Time time, DbSettings s)
      throws Exception {
    long t = time.milliseconds();
    writeBatch(rdd.map(wc -> new DbRow(DbTable.COUNTS, new Object[] {t, wc._1(), wc._2()})),
        time, s);
  }

  private static void writeTotals(JavaPairRDD<String, Long> rdd, Time time, DbSettings s)
      throws Exception {
    long t = time.milliseconds();
    writeBatch(rdd.map(wc -> new DbRow(DbTable.TOTALS, new Object[] {wc._1(), wc._2(), t})),
        time, s);
  }

  private static void writeUpdates(JavaRDD<StateUpdate> rdd, Time time, DbSettings s)
      throws Exception {
    long t = time.milliseconds();
    writeBatch(rdd.map(u -> updateRow(u, t)), time, s);
  }

  private static void writeNumbers(JavaRDD<Long> rdd, Time time, DbSettings s) throws Exception {
    long t = time.milliseconds();
    long threshold = s.alertAbove();
    writeBatch(rdd.map(n -> new DbRow(DbTable.NUMBERS,
        new Object[] {t, n, threshold >= 0 && n > threshold})), time, s);
  }

  private static void writeLines(JavaRDD<String> rdd, Time time, DbSettings s) throws Exception {
    long t = time.milliseconds();
    // zipWithIndex numbers the lines in their order across partitions: seq is global per batch.
    writeBatch(rdd.zipWithIndex().map(l -> new DbRow(DbTable.LINES,
        new Object[] {t, (int) (long) l._2(), l._1()})), time, s);
  }

  private static void writeStats(JavaRDD<BatchStats> rdd, Time time, DbSettings s)
      throws Exception {
    long t = time.milliseconds();
    writeBatch(rdd.map(b -> statsRow(b, t)), time, s);
  }

  /**
   * The driver's part of one batch: the protocol of {@link BatchWrites}, retried as a whole while
   * the database fails, for at most {@link #RETRY_FOR_MS}.
   */
  static void writeBatch(JavaRDD<DbRow> rows, Time time, DbSettings s) throws Exception {
    long t = time.milliseconds();
    // Looked up per batch on the driver: after recovery the graph comes from the checkpoint, which
    // holds no credentials, and the restarted run registered its own.
    DbCredentials c = DbCredentials.lookup(s.url());
    long deadline = System.currentTimeMillis() + RETRY_FOR_MS;
    int attempt = 1;
    while (true) {
      try {
        attemptBatch(rows, t, s, c);
        if (attempt > 1) {
          LOG.info("database: batch {} written after {} attempts", t, attempt);
        }
        return;
      } catch (Exception e) {
        if (!isDatabaseFailure(e) || System.currentTimeMillis() + RETRY_PAUSE_MS > deadline) {
          LOG.error("database: batch {} not written (no {} row): {}", t,
              DbTable.BATCHES.name(s.prefix()), rootMessage(e));
          throw e;
        }
        LOG.warn("database: batch {} attempt {} failed ({}); retrying for up to {} s", t, attempt,
            rootMessage(e), (deadline - System.currentTimeMillis()) / 1000);
        DbConnections.closeIdle();
        Thread.sleep(RETRY_PAUSE_MS);
        attempt++;
      }
    }
  }

  private static void attemptBatch(JavaRDD<DbRow> rows, long t, DbSettings s, DbCredentials c)
      throws SQLException {
    Connection conn = DbConnections.borrow(s, c);
    boolean healthy = false;
    try {
      if (BatchWrites.isCommitted(conn, s.prefix(), t)) {
        LOG.info("database: batch {} is already committed; skipped (a re-run after recovery)", t);
        healthy = true;
        return;
      }
      BatchWrites.clearPartial(conn, s.prefix(), s.tables(), t);
      healthy = true;
    } finally {
      DbConnections.release(s, c, conn, healthy);
    }
    String prefix = s.prefix();
    // One long per partition comes back, not the rows: the writes happen on the executors.
    long records = rows.mapPartitions(it -> writePartition(it, s, c, prefix))
        .fold(0L, Long::sum);
    conn = DbConnections.borrow(s, c);
    healthy = false;
    try {
      BatchWrites.commit(conn, prefix, t, s.pipeline(), records);
      healthy = true;
    } finally {
      DbConnections.release(s, c, conn, healthy);
    }
    LOG.info("database: batch {} committed, {} records", t, records);
  }

  /** One partition's rows in one transaction, on a pooled connection of this executor. */
  static Iterator<Long> writePartition(Iterator<DbRow> rows, DbSettings s, DbCredentials c,
      String prefix) throws SQLException {
    if (!rows.hasNext()) {
      return List.of(0L).iterator();
    }
    Connection conn = DbConnections.borrow(s, c);
    boolean healthy = false;
    try {
      long n = BatchWrites.writeRows(conn, prefix, rows);
      healthy = true;
      return List.of(n).iterator();
    } finally {
      DbConnections.release(s, c, conn, healthy);
    }
  }

  static DbRow updateRow(StateUpdate u, long t) {
    return u.isEviction()
        ? new DbRow(DbTable.EVICTIONS, new Object[] {t, u.word(), u.total()})
        : new DbRow(DbTable.TOTALS, new Object[] {u.word(), u.total(), t});
  }

  static DbRow statsRow(BatchStats b, long t) {
    return new DbRow(DbTable.STATS, new Object[] {t, b.lines(), b.words(), b.distinct(),
        b.mean(), b.max(), b.min(), String.join(",", b.maxWords()),
        String.join(",", b.minWords())});
  }

  /** True when {@code e} comes from the database (worth a retry), not from the job itself. */
  static boolean isDatabaseFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof SQLException) {
        return true;
      }
      // A task's exception reaches the driver as text inside a SparkException.
      String m = t.getMessage();
      if (m != null && (m.contains("SQLException") || m.contains("PSQLException"))) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + firstLine(String.valueOf(t.getMessage()));
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
