package dstream.wordcount.outputs.db;

import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.outputs.BatchSink;
import dstream.wordcount.outputs.Output;
import dstream.wordcount.pipelines.ErrorsPipeline;
import dstream.wordcount.results.ResultKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The database output ({@code --db}): every batch's results, exactly once, into the tables of
 * {@link DbTable} in SQLite or PostgreSQL. The Spark side of {@link BatchWrites}' protocol: the
 * driver checks and clears by batch time, the partitions write in parallel
 * ({@code foreachRDD} + per-partition writes, a pooled connection each), and the driver marks the
 * batch complete once all of them succeeded. Attached after the console and text files, before
 * the alerts; the Kafka source's offset commit runs after it, so offsets never pass what the
 * database holds.
 *
 * <p>Credentials ({@code db.user}/{@code db.password} in the conf file, or {@code user}/
 * {@code password} in the URL) are never part of the graph: the graph and the checkpoint record
 * hold the credential-free URL; {@link #open} registers the run's {@link DbCredentials} in its
 * {@link RunState}, where each batch looks them up on the driver, also after recovery.
 *
 * <p>A database that goes away: the whole batch is retried (every step is idempotent) for up to
 * {@code db.retry-for} (default {@link #RETRY_FOR_MS}); later batches wait meanwhile, since Spark runs one batch's jobs at a time.
 * A batch still failing then fails its output operation: it has no batches row, the error is
 * logged, the Kafka source commits no offsets from that batch on, and the job goes on with the
 * next batch.
 */
public final class DbOutput extends Plugin<DbOutput.Settings> implements Output<DbOutput.Settings> {
  /** How long one batch keeps retrying a database that fails, unless {@code db.retry-for} says. */
  public static final long RETRY_FOR_MS = 60_000;

  public static final OptionSpec DB = OptionSpec.text(DbSettings.OPTION_DB, "URL",
      "also write every batch's results, exactly once, to jdbc:sqlite:PATH or"
          + " jdbc:postgresql://HOST:PORT/DB (credentials: db.user, db.password in the conf file)",
      null).shaping();
  public static final OptionSpec TABLE_PREFIX = OptionSpec.text(DbSettings.OPTION_PREFIX, "P",
      "--db: prefix of the table names", DbSettings.DEFAULT_PREFIX).shaping();
  public static final OptionSpec USER = OptionSpec.text("db." + DbSettings.CONF_USER, "USER",
      "--db: database user", null).notShaping().asConfOnly();
  public static final OptionSpec PASSWORD = OptionSpec.text("db." + DbSettings.CONF_PASSWORD,
      "PASSWORD", "--db: database password", null).asSecret().asConfOnly();
  /** Not graph-shaping: a restart may wait longer or shorter for its database. */
  public static final OptionSpec RETRY_FOR = OptionSpec.duration("db.retry-for", "D",
      "--db: how long a batch retries a failing database before its output fails",
      (RETRY_FOR_MS / 1000) + "s").notShaping().asConfOnly();

  /** The run's retry window, registered in its {@link RunState} (read per batch, like credentials). */
  record RetryWindow(long ms) {}

  /**
   * The options as given: the URL may hold credentials, so this record stays on the driver and
   * its {@link #toString} shows neither the URL's password nor {@code db.password}.
   *
   * @param rawUrl {@code --db} as given, or null when the output is off
   * @param prefix {@code --db-table-prefix}
   * @param user {@code db.user}, or null
   * @param password {@code db.password}, or null
   * @param retryForMs {@code db.retry-for} in ms
   */
  public record Settings(String rawUrl, String prefix, String user, String password,
      long retryForMs) {
    static Settings of(OptionValues v) throws UsageException {
      return new Settings(v.optionalText(DB), v.text(TABLE_PREFIX), v.optionalText(USER),
          v.optionalText(PASSWORD), v.duration(RETRY_FOR));
    }

    /** The {@code db.*} conf keys, prefix removed, as {@link DbSettings#parse} reads them. */
    Map<String, String> conf() {
      Map<String, String> m = new LinkedHashMap<>();
      if (user != null) {
        m.put(DbSettings.CONF_USER, user);
      }
      if (password != null) {
        m.put(DbSettings.CONF_PASSWORD, password);
      }
      return m;
    }

    @Override
    public String toString() {
      return "DbOutput.Settings[url=" + (rawUrl == null ? "none" : DbSettings.redact(rawUrl))
          + ", prefix=" + prefix + ", user=" + user + ", password="
          + (password == null ? "none" : "***") + ", retryFor=" + retryForMs + "ms]";
    }
  }

  public DbOutput() {
    super("database", "each batch's results, exactly once, as rows of SQLite or PostgreSQL tables"
        + " (foreachRDD, per-partition upserts)", Settings::of, DB, TABLE_PREFIX, USER, PASSWORD, RETRY_FOR);
  }

  @Override
  public boolean enabled(Settings s) {
    return s.rawUrl() != null;
  }

  /** The URL is recorded without its credentials: anyone who can read the checkpoint reads it. */
  @Override
  public String recordedValue(OptionSpec option, Settings s, String canonical) {
    if (option.equals(DB) && s.rawUrl() != null) {
      try {
        return DbSettings.parse(s.rawUrl(), DbSettings.DEFAULT_PREFIX, Map.of(), "count", -1)
            .settings().url();
      } catch (UsageException e) {
        return DbSettings.redact(s.rawUrl()); // refused by validate before anything is recorded
      }
    }
    return canonical;
  }

  /**
   * Parses the settings for this job (pipeline, the errors pipeline's alert threshold).
   *
   * @throws UsageException one line naming the option and the fix
   */
  static DbSettings.Parsed parse(Settings s, Options job) throws UsageException {
    return DbSettings.parse(s.rawUrl(), s.prefix(), s.conf(), job.pipeline(), alertAbove(job));
  }

  /** {@code --alert-above} of the errors pipeline, -1 for any other pipeline or when unset. */
  public static long alertAbove(Options job) throws UsageException {
    OptionValues v = job.values();
    if (!job.pipeline().equals("errors") || v.optionalText(ErrorsPipeline.ALERT_ABOVE) == null) {
      return -1;
    }
    return v.longValue(ErrorsPipeline.ALERT_ABOVE, 0, Long.MAX_VALUE);
  }

  @Override
  public void validate(Settings s, Options job) throws UsageException {
    check(parse(s, job));
  }

  /**
   * Registers the run's credentials and retry window and, at its end, closes the idle pooled
   * connections to its database.
   */
  @Override
  public void open(Settings s, Options job, RunState run) throws UsageException, IOException {
    DbSettings.Parsed parsed = parse(s, job);
    run.put(DbCredentials.class, parsed.credentials());
    run.put(RetryWindow.class, new RetryWindow(s.retryForMs()));
    run.closeAtEnd(() -> DbConnections.closeIdle(parsed.settings(), parsed.credentials()));
  }

  @Override
  public BatchSink sink(ResultKind kind, Settings s, Options job) {
    try {
      return sink(kind, parse(s, job).settings());
    } catch (UsageException e) {
      throw new IllegalStateException("--db was validated before: " + e.getMessage(), e);
    }
  }

  /**
   * Checks the output before Spark starts: creates a SQLite file's directory, connects (wrong
   * password, unreachable server), creates missing tables and refuses foreign ones.
   *
   * @throws UsageException one line naming {@code --db} and the fix
   */
  public static void check(DbSettings.Parsed parsed) throws UsageException {
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
  }

  /** One line saying why a connection failed, and what to do. */
  static String connectProblem(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String msg = StoreBatches.firstLine(e.getMessage());
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

  /** The database sink of results of {@code kind}; it captures {@code s} only. */
  static BatchSink sink(ResultKind kind, DbSettings s) {
    if (!ResultRows.supports(kind)) {
      throw new IllegalArgumentException("no database table for " + kind);
    }
    return b -> StoreBatches.write(ResultRows.of(b, s.alertAbove()), b.timeMs(),
        store(RunState.of(b.records().context()), s));
  }

  /**
   * This batch's store, with the credentials and retry window of the run: looked up per batch on
   * the driver, because after recovery the graph comes from the checkpoint, which holds no
   * credentials, and the restarted run registered its own.
   */
  private static BatchStore store(RunState run, DbSettings s) {
    DbCredentials c = run.get(DbCredentials.class);
    if (c == null) {
      throw new IllegalStateException("the run has no database credentials: DbOutput.open did not run");
    }
    RetryWindow window = run.get(RetryWindow.class);
    return new JdbcStore(s, c, window == null ? RETRY_FOR_MS : window.ms());
  }
}
