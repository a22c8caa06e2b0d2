package dstream.wordcount.outputs.db;

import static dstream.wordcount.testing.UsageErrors.assertUsage;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.Main;
import dstream.wordcount.cli.Help;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.DbRows;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.PostgresServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user can get wrong with {@code --db}, through {@link Main#run}: exit 2 and exactly one
 * line on stderr, before Spark starts, and never a password in it. The server problems are real:
 * a PostgreSQL from {@code bin/postgres-local} for the wrong password, a free port for the
 * unreachable server.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DbUsageErrorsTest {
  private static PostgresServer postgres;

  @TempDir Path tmp;

  @BeforeAll
  static void startPostgres() {
    postgres = PostgresServer.start();
  }

  @AfterAll
  static void stopPostgres() {
    postgres.close();
  }

  private Path replayInput() throws Exception {
    return Files.writeString(tmp.resolve("in.txt"), "a b\n");
  }

  @Test
  void unsupportedUrl() throws Exception {
    String in = replayInput().toString();
    assertUsage("--db mysql://localhost/x?password=***: unsupported URL; give jdbc:sqlite:PATH"
        + " (an embedded file) or jdbc:postgresql://HOST:PORT/DB",
        "--source", "replay", "--input", in, "--db", "mysql://localhost/x?password=secret");
    assertUsage("--db jdbc:sqlite::memory:: give a file, e.g. jdbc:sqlite:results/wordcount.db (an"
        + " in-memory database is not shared by the partitions and is gone at the end)",
        "--source", "replay", "--input", in, "--db", "jdbc:sqlite::memory:");
    assertUsage("--db-table-prefix must be lower-case letters, digits and _ (at most 41, not"
        + " starting with a digit), got 'My-Prefix'",
        "--source", "replay", "--input", in, "--db", "jdbc:sqlite:" + tmp.resolve("r.db"),
        "--db-table-prefix", "My-Prefix");
  }

  @Test
  void unreachableServer() throws Exception {
    int port = Launcher.freePort();
    assertUsage("--db jdbc:postgresql://127.0.0.1:" + port + "/wordcount: cannot connect"
        + " (Connection to 127.0.0.1:" + port + " refused. Check that the hostname and port are"
        + " correct and that the postmaster is accepting TCP/IP connections.); is the server"
        + " running? (bin/postgres-local status)",
        "--source", "replay", "--input", replayInput().toString(),
        "--db", "jdbc:postgresql://127.0.0.1:" + port + "/wordcount");
  }

  @Test
  void wrongPasswordFromTheConfFileOrTheUrl() throws Exception {
    Path conf = Files.writeString(tmp.resolve("wrong.properties"),
        "db.user=wordcount\ndb.password=not-the-password\n");
    String expected = "--db " + postgres.url() + ": FATAL: password authentication failed for user"
        + " \"wordcount\"; check db.user and db.password in the conf file (or user/password in"
        + " the URL)";
    assertUsage(expected, "--source", "replay", "--input", replayInput().toString(),
        "--db", postgres.url(), "--conf", conf.toString());
    // In the URL: the message shows the URL without its credentials.
    assertUsage(expected, "--source", "replay", "--input", replayInput().toString(),
        "--db", postgres.url() + "?user=wordcount&password=not-the-password");
  }

  @Test
  void foreignTableOfTheSameName() throws Exception {
    String url = "jdbc:sqlite:" + tmp.resolve("shared.db");
    DbRows.execute(url, null, "CREATE TABLE wordcount_counts (id INTEGER, name TEXT)");
    assertUsage("--db " + url + ": table wordcount_counts exists with columns (id, name) but this"
        + " output needs (batch_time, word, count); choose another --db-table-prefix or drop that"
        + " table",
        "--source", "replay", "--input", replayInput().toString(), "--db", url);
    DbRows.execute(postgres.url(), postgres.credentials(),
        "CREATE TABLE mine_totals (word TEXT, n INT)");
    assertUsage("--db " + postgres.url() + ": table mine_totals exists with columns (word, n) but"
        + " this output needs (word, total, batch_time); choose another --db-table-prefix or drop"
        + " that table",
        "--source", "replay", "--input", replayInput().toString(), "--pipeline", "cumulative",
        "--db", postgres.url(), "--db-table-prefix", "mine_",
        "--conf", postgres.credentials().toString());
  }

  @Test
  void unknownDbConfKey() throws Exception {
    Path conf = Files.writeString(tmp.resolve("typo.properties"), "db.pasword=x\n");
    assertUsage("conf key 'db.pasword' is unknown: the database keys are db.user, db.password"
        + " and db.retry-for",
        "--source", "replay", "--input", replayInput().toString(),
        "--db", "jdbc:sqlite:" + tmp.resolve("r.db"), "--conf", conf.toString());
  }

  @Test
  void badRetryWindow() throws Exception {
    Path conf = Files.writeString(tmp.resolve("retry.properties"), "db.retry-for=soon\n");
    assertUsage("conf key db.retry-for: 'soon' is not a duration; write e.g. 500ms, 2s or 1m",
        "--source", "replay", "--input", replayInput().toString(),
        "--db", "jdbc:sqlite:" + tmp.resolve("r.db"), "--conf", conf.toString());
  }

  @Test
  void helpNamesTheOptionsButNoCredentials() throws Exception {
    StringWriter help = new StringWriter();
    Help.print(new PrintWriter(help), Job.components());
    assertTrue(help.toString().contains("--db <URL>"), help.toString());
    assertTrue(help.toString().contains("--db-table-prefix <P>"), help.toString());
    String password = Files.readString(postgres.credentials());
    assertFalse(help.toString().contains(password.substring(password.indexOf("db.password=") + 12)
        .trim()));
  }
}
