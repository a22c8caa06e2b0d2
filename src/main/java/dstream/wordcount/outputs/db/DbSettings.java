package dstream.wordcount.outputs.db;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.pipelines.Pipelines;
import dstream.wordcount.results.ResultKind;
import java.io.Serializable;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The immutable settings of the database output ({@code --db}, {@code --db-table-prefix}) as the
 * graph keeps them: the URL without any credential, the table prefix, and what the pipeline
 * writes. Serializable and free of secrets, because the output's closures, and so the checkpoint,
 * hold it. The credentials travel apart ({@link DbCredentials}).
 *
 * @param url the JDBC URL with {@code user} and {@code password} parameters removed
 * @param kind SQLite or PostgreSQL
 * @param prefix the table name prefix
 * @param pipeline the pipeline's CLI name, recorded in the batches table
 * @param alertAbove the errors pipeline's alert threshold, -1 when alerts are off
 */
public record DbSettings(String url, DbKind kind, String prefix, String pipeline, long alertAbove)
    implements Serializable {

  /** The option names, as the CLI spells them (kept here so messages name the right option). */
  public static final String OPTION_DB = "db";
  public static final String OPTION_PREFIX = "db-table-prefix";
  /** The default table prefix. */
  public static final String DEFAULT_PREFIX = "wordcount_";
  /** Conf-file keys of the credentials (the {@code db.} prefix removed). */
  public static final String CONF_USER = "user";
  public static final String CONF_PASSWORD = "password";

  /** Unquoted identifiers both databases keep as written: no quoting, no injection, no case games. */
  private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

  /** What {@link #parse} found: the settings and the credentials, kept apart. */
  public record Parsed(DbSettings settings, DbCredentials credentials) {}

  /**
   * Parses {@code --db} and friends. Syntax only: nothing is opened.
   *
   * @param rawUrl the URL as given, possibly with {@code user}/{@code password} parameters
   * @param prefix {@code --db-table-prefix}
   * @param conf the {@code db.*} keys of the conf file, prefix removed
   * @param pipeline the pipeline's CLI name
   * @param alertAbove the alert threshold of {@code errors}, -1 when off
   * @throws UsageException one line naming the option and the fix
   */
  public static Parsed parse(String rawUrl, String prefix, Map<String, String> conf,
      String pipeline, long alertAbove) throws UsageException {
    for (String key : conf.keySet()) {
      if (!key.equals(CONF_USER) && !key.equals(CONF_PASSWORD)) {
        throw new UsageException("conf key 'db." + key + "' is unknown: the database keys are "
            + "db.user and db.password");
      }
    }
    if (!PREFIX.matcher(prefix).matches()) {
      throw new UsageException("--" + OPTION_PREFIX + " must be lower-case letters, digits and _"
          + " (at most 41, not starting with a digit), got '" + prefix + "'");
    }
    tablesOf(pipeline); // refuses a pipeline without a table shape
    String url = rawUrl.trim();
    DbKind kind = DbKind.of(url);
    if (kind == null) {
      throw new UsageException("--" + OPTION_DB + " " + redact(url) + ": unsupported URL; give "
          + "jdbc:sqlite:PATH (an embedded file) or jdbc:postgresql://HOST:PORT/DB");
    }
    if (kind == DbKind.SQLITE) {
      String path = sqlitePath(url);
      if (path.isEmpty() || path.startsWith(":memory:") || path.contains("mode=memory")) {
        throw new UsageException("--" + OPTION_DB + " " + url + ": give a file, e.g. "
            + "jdbc:sqlite:results/wordcount.db (an in-memory database is not shared by the "
            + "partitions and is gone at the end)");
      }
      return new Parsed(new DbSettings(url, kind, prefix, pipeline, alertAbove),
          new DbCredentials(null, null));
    }
    if (!url.startsWith("jdbc:postgresql://") || url.length() <= "jdbc:postgresql://".length()) {
      throw new UsageException("--" + OPTION_DB + " " + redact(url) + ": write the server as "
          + "jdbc:postgresql://HOST:PORT/DB");
    }
    // user/password in the URL win over the conf file: the command line is the more specific.
    String user = conf.get(CONF_USER);
    String password = conf.get(CONF_PASSWORD);
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    List<String> kept = new ArrayList<>();
    if (q >= 0) {
      for (String param : url.substring(q + 1).split("&")) {
        if (param.isEmpty()) {
          continue;
        }
        int eq = param.indexOf('=');
        String name = eq < 0 ? param : param.substring(0, eq);
        String value = eq < 0 ? "" : URLDecoder.decode(param.substring(eq + 1), StandardCharsets.UTF_8);
        if (name.equals("user")) {
          user = value;
        } else if (name.equals("password")) {
          password = value;
        } else {
          kept.add(param);
        }
      }
    }
    String clean = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
    return new Parsed(new DbSettings(clean, kind, prefix, pipeline, alertAbove),
        new DbCredentials(user, password));
  }

  /** The SQLite file of a {@code jdbc:sqlite:} URL, without its parameters. */
  static String sqlitePath(String url) {
    String path = url.substring("jdbc:sqlite:".length());
    int q = path.indexOf('?');
    path = q < 0 ? path : path.substring(0, q);
    return path.startsWith("file:") ? path.substring("file:".length()) : path;
  }

  /** The SQLite file of these settings; null for PostgreSQL. */
  public Path sqliteFile() {
    return kind == DbKind.SQLITE ? Path.of(sqlitePath(url)) : null;
  }

  /**
   * {@code url} fit for a message or a log: any {@code password=} parameter replaced by
   * {@code ***}. Used on URLs as the user typed them, before parsing removed the credentials.
   */
  public static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  /**
   * The tables the results of {@code pipeline} go to, before the batches table: chosen by the
   * pipeline's result kind alone, so a new pipeline of an existing kind needs no change here.
   *
   * @throws UsageException for a kind without a table shape (a SQL query's rows)
   */
  public static List<DbTable> tablesOf(String pipeline) throws UsageException {
    List<DbTable> tables = tablesOf(Pipelines.REGISTRY.byName(pipeline).resultKind());
    if (tables.isEmpty()) {
      throw new UsageException("--" + OPTION_DB + " has no table for pipeline '" + pipeline + "'");
    }
    return tables;
  }

  /** The tables results of {@code kind} go to; none for rows, whose columns are the query's. */
  public static List<DbTable> tablesOf(ResultKind kind) {
    return switch (kind) {
      case COUNTS -> List.of(DbTable.COUNTS);
      case TOTALS -> List.of(DbTable.TOTALS);
      case UPDATES -> List.of(DbTable.TOTALS, DbTable.EVICTIONS);
      case NUMBERS -> List.of(DbTable.NUMBERS);
      case LINES -> List.of(DbTable.LINES);
      case STATS -> List.of(DbTable.STATS);
      case ROWS -> List.of();
    };
  }

  /** The result tables of this job's pipeline. */
  public List<DbTable> tables() {
    try {
      return tablesOf(pipeline);
    } catch (UsageException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** What the checkpoint settings record keeps of the output: URL and prefix, no credentials. */
  public Map<String, String> graphSettings() {
    return Map.of(OPTION_DB, url, OPTION_PREFIX, prefix);
  }
}
