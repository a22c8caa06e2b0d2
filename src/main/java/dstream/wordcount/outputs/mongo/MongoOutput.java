package dstream.wordcount.outputs.mongo;

import com.mongodb.MongoException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.client.MongoClient;
import com.mongodb.connection.ServerDescription;
import dstream.wordcount.cli.OptionSpec;
import dstream.wordcount.cli.OptionValues;
import dstream.wordcount.cli.Options;
import dstream.wordcount.cli.Plugin;
import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.live.SettingsDigest;
import dstream.wordcount.outputs.BatchSink;
import dstream.wordcount.outputs.Output;
import dstream.wordcount.outputs.db.BatchStore;
import dstream.wordcount.outputs.db.DbCredentials;
import dstream.wordcount.outputs.db.DbOutput;
import dstream.wordcount.outputs.db.ResultRows;
import dstream.wordcount.outputs.db.StoreBatches;
import dstream.wordcount.results.ResultKind;
import java.io.IOException;
import org.bson.Document;

/**
 * The MongoDB output ({@code --mongo}): every batch's results, exactly once, as documents of the
 * collections {@code counts}, {@code totals}, ... and {@code batches} (the {@code --db} tables'
 * names and fields), written with MongoDB's official Java driver by the protocol of
 * {@link StoreBatches} that {@code --db} keeps too. Attached after the database output, before
 * the alerts; the Kafka source's offset commit runs after it, so offsets never pass what MongoDB
 * holds.
 *
 * <p>Credentials ({@code mongo.user}/{@code mongo.password} in the conf file, or
 * {@code user:password@} in the URI) are never part of the graph: the graph and the checkpoint
 * record hold the URI without them; {@link #open} registers the run's credentials in its
 * {@link RunState}, where each batch looks them up on the driver, also after recovery.
 */
public final class MongoOutput extends Plugin<MongoOutput.Settings>
    implements Output<MongoOutput.Settings> {
  /** The option's name, as messages write it. */
  static final String OPTION = "mongo";
  /** How long validation waits for the server: a usage error should not take half a minute. */
  private static final long CHECK_SELECT_MS = 3_000;

  public static final OptionSpec MONGO = OptionSpec.text(OPTION, "URI",
      "also write every batch's results, exactly once, to MongoDB: mongodb://HOST:PORT/DATABASE"
          + " (default database " + MongoSettings.DEFAULT_DATABASE + "; credentials: mongo.user,"
          + " mongo.password in the conf file)", null).shaping();
  public static final OptionSpec USER = OptionSpec.text("mongo.user", "USER",
      "--mongo: user", null).notShaping().asConfOnly();
  public static final OptionSpec PASSWORD = OptionSpec.text("mongo.password", "PASSWORD",
      "--mongo: password", null).asSecret().asConfOnly();
  /** Not graph-shaping: a restart may wait longer or shorter for its server. */
  public static final OptionSpec RETRY_FOR = OptionSpec.duration("mongo.retry-for", "D",
      "--mongo: how long a batch retries a failing server before its output fails",
      (DbOutput.RETRY_FOR_MS / 1000) + "s").notShaping().asConfOnly();

  /** The run's retry window, registered in its {@link RunState} (read per batch). */
  record RetryWindow(long ms) {}

  /** The run's credentials, registered in its {@link RunState}; never in the graph. */
  record Credentials(DbCredentials c) {}

  /**
   * The options as given: the URI may hold a password, so this record stays on the driver and
   * its {@link #toString} shows neither that password nor {@code mongo.password}.
   */
  public record Settings(String rawUri, String user, String password, long retryForMs) {
    static Settings of(OptionValues v) throws UsageException {
      return new Settings(v.optionalText(MONGO), v.optionalText(USER), v.optionalText(PASSWORD),
          v.duration(RETRY_FOR));
    }

    @Override
    public String toString() {
      return "MongoOutput.Settings[uri=" + (rawUri == null ? "none" : MongoSettings.redact(rawUri))
          + ", user=" + user + ", password=" + (password == null ? "none" : "***")
          + ", retryFor=" + retryForMs + "ms]";
    }
  }

  public MongoOutput() {
    super("mongodb", "each batch's results, exactly once, as documents of MongoDB collections"
        + " (foreachRDD/foreachBatch, upserts by _id, official driver)", Settings::of,
        MONGO, USER, PASSWORD, RETRY_FOR);
  }

  @Override
  public boolean enabled(Settings s) {
    return s.rawUri() != null;
  }

  /** The URI is recorded without user and password: anyone who can read the checkpoint reads it. */
  @Override
  public String recordedValue(OptionSpec option, Settings s, String canonical) {
    return option.equals(MONGO) && s.rawUri() != null
        ? MongoSettings.withoutUserInfo(s.rawUri()) : canonical;
  }

  static MongoSettings.Parsed parse(Settings s, Options job) throws UsageException {
    return MongoSettings.parse(s.rawUri(), s.user(), s.password(), job.pipeline(),
        DbOutput.alertAbove(job));
  }

  @Override
  public void validate(Settings s, Options job) throws UsageException {
    check(parse(s, job));
  }

  /** Registers the run's credentials and retry window; closes this JVM's clients at the end. */
  @Override
  public void open(Settings s, Options job, RunState run) throws UsageException, IOException {
    run.put(Credentials.class, new Credentials(parse(s, job).credentials()));
    run.put(RetryWindow.class, new RetryWindow(s.retryForMs()));
    run.closeAtEnd(MongoConnections::closeAll);
  }

  @Override
  public BatchSink sink(ResultKind kind, Settings s, Options job) {
    if (!ResultRows.supports(kind)) {
      throw new IllegalArgumentException("no MongoDB collection for " + kind);
    }
    try {
      MongoSettings m = parse(s, job).settings();
      return b -> StoreBatches.write(ResultRows.of(b, m.alertAbove()), b.timeMs(),
          store(RunState.of(b.records().context()), m));
    } catch (UsageException e) {
      throw new IllegalStateException("--mongo was validated before: " + e.getMessage(), e);
    }
  }

  /** This batch's store, with the run's credentials and retry window (looked up per batch). */
  private static BatchStore store(RunState run, MongoSettings m) {
    Credentials c = run.get(Credentials.class);
    if (c == null) {
      throw new IllegalStateException("the run has no MongoDB credentials: MongoOutput.open did not run");
    }
    RetryWindow window = run.get(RetryWindow.class);
    SettingsDigest digest = run.get(SettingsDigest.class);
    return new MongoStore(m, c.c(), window == null ? DbOutput.RETRY_FOR_MS : window.ms(),
        digest == null ? null : digest.sha256());
  }

  /**
   * Checks the output before Spark starts: reaches the server (a wrong password, an unreachable
   * server) and creates the collections' indexes.
   *
   * @throws UsageException one line naming {@code --mongo} and the fix
   */
  static void check(MongoSettings.Parsed parsed) throws UsageException {
    MongoSettings s = parsed.settings();
    String shown = "--" + OPTION + " " + s.uri();
    try (MongoClient client = MongoConnections.open(s, parsed.credentials(), CHECK_SELECT_MS)) {
      try {
        client.getDatabase(s.database()).runCommand(new Document("ping", 1));
        MongoDocs.ensureIndexes(client.getDatabase(s.database()), s.collections());
      } catch (MongoTimeoutException e) {
        throw new UsageException(shown + ": cannot connect (" + serverProblem(client)
            + "); is the server running? (bin/mongo-local status)");
      } catch (MongoSecurityException e) {
        throw new UsageException(shown + ": authentication failed ("
            + StoreBatches.firstLine(StoreBatches.rootMessage(e)) + "); check mongo.user and"
            + " mongo.password in the conf file (or user:password@ in the URI)");
      } catch (MongoException e) {
        throw new UsageException(shown + ": " + StoreBatches.rootMessage(e));
      }
    } catch (IllegalArgumentException e) { // settings the driver refuses, e.g. a bad option value
      throw new UsageException(shown + ": " + StoreBatches.firstLine(e.getMessage()));
    }
  }

  /** Why the client reached no server: the first server's own error, in one line. */
  private static String serverProblem(MongoClient client) {
    for (ServerDescription d : client.getClusterDescription().getServerDescriptions()) {
      if (d.getException() != null) {
        return d.getAddress() + ": " + StoreBatches.rootMessage(d.getException());
      }
    }
    return "no server answered within " + CHECK_SELECT_MS / 1000 + " s";
  }
}
