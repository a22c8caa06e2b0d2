package dstream.wordcount.outputs.mongo;

import com.mongodb.ConnectionString;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.outputs.db.DbCredentials;
import dstream.wordcount.outputs.db.DbSettings;
import dstream.wordcount.outputs.db.DbTable;
import dstream.wordcount.outputs.db.StoreBatches;
import dstream.wordcount.pipelines.Pipelines;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The immutable settings of the MongoDB output ({@code --mongo}) as the graph keeps them: the
 * connection string without user or password, the database, and what the pipeline writes.
 * Serializable and free of secrets, because the output's closures, and so the checkpoint, hold
 * it; the credentials travel apart ({@link DbCredentials}), as for {@code --db}.
 *
 * @param uri the connection string with its user information removed
 * @param database the database: the URI's path, else {@link #DEFAULT_DATABASE}
 * @param pipeline the pipeline's CLI name, recorded in each batches document
 * @param alertAbove the errors pipeline's alert threshold, -1 when alerts are off
 */
public record MongoSettings(String uri, String database, String pipeline, long alertAbove)
    implements Serializable {
  /** The database when the URI names none: the socket lab's. */
  public static final String DEFAULT_DATABASE = "streaming";
  /** What MongoDB refuses in a database name (its documented restrictions on any platform). */
  private static final Pattern BAD_NAME_CHARS = Pattern.compile("[/\\\\. \"$*<>:|?\\x00]");
  /**
   * {@code scheme://} then the user information up to the last {@code @} before the hosts; any
   * scheme, so a mistyped one is still shown without its password.
   */
  private static final Pattern USER_INFO =
      Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*@)");

  /** What {@link #parse} found: the settings and the credentials, kept apart. */
  public record Parsed(MongoSettings settings, DbCredentials credentials) {}

  /**
   * Parses {@code --mongo} with {@code mongo.user}/{@code mongo.password}. Syntax only: nothing is
   * opened. User information in the URI wins over the conf file (the more specific).
   *
   * @throws UsageException one line naming the option and the fix, never the password
   */
  public static Parsed parse(String rawUri, String confUser, String confPassword, String pipeline,
      long alertAbove) throws UsageException {
    String raw = rawUri.trim();
    String shown = "--" + MongoOutput.OPTION + " " + redact(raw);
    ConnectionString cs;
    try {
      cs = new ConnectionString(raw);
    } catch (IllegalArgumentException e) {
      throw new UsageException(shown + ": " + StoreBatches.firstLine(e.getMessage())
          + "; write it as mongodb://HOST:PORT/DATABASE");
    }
    if (cs.getCollection() != null) {
      throw new UsageException(shown + ": name the database only (e.g. mongodb://HOST:PORT/"
          + cs.getDatabase() + "); the collections are named after the results (counts, totals,"
          + " ...)");
    }
    String database = cs.getDatabase() == null ? DEFAULT_DATABASE : cs.getDatabase();
    if (BAD_NAME_CHARS.matcher(database).find() || database.length() > 63) {
      throw new UsageException(shown + ": '" + database + "' is not a MongoDB database name;"
          + " use at most 63 letters, digits, - or _");
    }
    if (tablesOf(pipeline).isEmpty()) {
      throw new UsageException("--" + MongoOutput.OPTION + " has no collection for pipeline '"
          + pipeline + "'");
    }
    String user = cs.getUsername() != null ? cs.getUsername() : confUser;
    String password = cs.getPassword() != null ? new String(cs.getPassword()) : confPassword;
    if (user == null && password != null) {
      throw new UsageException("conf key mongo.password needs a user: set mongo.user, or write"
          + " mongodb://USER@HOST:PORT/DATABASE in --" + MongoOutput.OPTION);
    }
    return new Parsed(new MongoSettings(withoutUserInfo(raw), database, pipeline, alertAbove),
        new DbCredentials(user, password));
  }

  /** {@code uri} without {@code user:password@}: what the graph, record and messages show. */
  public static String withoutUserInfo(String uri) {
    return USER_INFO.matcher(uri.trim()).replaceFirst("$1");
  }

  /** {@code uri} fit for a message: its password replaced by {@code ***}. */
  public static String redact(String uri) {
    var m = USER_INFO.matcher(uri);
    if (!m.find()) {
      return uri;
    }
    String info = m.group(2);
    int colon = info.indexOf(':');
    String shownInfo = colon < 0 ? info : info.substring(0, colon) + ":***@";
    return m.group(1) + shownInfo + uri.substring(m.end());
  }

  /**
   * The connection string the driver gets: this URI (which has no user information) with
   * {@code c}'s user and password in it, so the driver applies its own rules for the rest
   * ({@code authSource}, {@code authMechanism}).
   */
  String uriWith(DbCredentials c) {
    if (c.user() == null) {
      return uri;
    }
    int hosts = uri.indexOf("://") + 3;
    String info = encode(c.user()) + (c.password() == null ? "" : ":" + encode(c.password())) + "@";
    return uri.substring(0, hosts) + info + uri.substring(hosts);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The collections results of {@code pipeline} go to, before {@code batches}. */
  static List<DbTable> tablesOf(String pipeline) {
    try {
      return DbSettings.tablesOf(Pipelines.REGISTRY.byName(pipeline).resultKind());
    } catch (UsageException e) {
      throw new IllegalStateException("the pipeline was checked before: " + e.getMessage(), e);
    }
  }

  /** The result collections of this job's pipeline, then {@code batches}. */
  List<DbTable> collections() {
    List<DbTable> all = new ArrayList<>(tablesOf(pipeline));
    all.add(DbTable.BATCHES);
    return all;
  }

  /** The result collections whose documents belong to one batch (cleared on a re-run). */
  List<DbTable> perBatch() {
    return tablesOf(pipeline).stream().filter(DbTable::keyedByBatch).toList();
  }
}
