package dstream.wordcount.outputs.mongo;

import static dstream.wordcount.testing.UsageErrors.assertUsage;
import static dstream.wordcount.testing.UsageErrors.usageLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.Help;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.LogCapture;
import dstream.wordcount.testing.MongoServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user can get wrong with {@code --mongo}, through the production entry point: exit 2 and
 * exactly one line on stderr, before Spark starts, never with a password in it; and the password
 * kept out of {@code --help} and the checkpoint record. The server problems are real: a free port
 * for the unreachable server, the server of {@code bin/mongo-local} (which has no users) for
 * credentials it refuses.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MongoUsageErrorsTest {
  private static final String SECRET = "s3cret-Pw";
  @RegisterExtension static final MongoServer mongo = new MongoServer();

  @TempDir Path tmp;

  private String input() throws Exception {
    return Files.writeString(tmp.resolve("in.txt"), "a b\n").toString();
  }

  @Test
  void uriThatDoesNotParse() throws Exception {
    assertUsage("--mongo mysql://u:***@localhost/x: The connection string is invalid. Connection"
        + " strings must start with either 'mongodb://' or 'mongodb+srv://; write it as"
        + " mongodb://HOST:PORT/DATABASE",
        "--source", "replay", "--input", input(), "--mongo", "mysql://u:" + SECRET + "@localhost/x");
  }

  @Test
  void wrongDatabaseNames() throws Exception {
    assertUsage("--mongo mongodb://127.0.0.1/my$db: 'my$db' is not a MongoDB database name;"
        + " use at most 63 letters, digits, - or _",
        "--source", "replay", "--input", input(), "--mongo", "mongodb://127.0.0.1/my$db");
    assertUsage("--mongo mongodb://127.0.0.1/streaming.results: name the database only (e.g."
        + " mongodb://HOST:PORT/streaming); the collections are named after the results (counts,"
        + " totals, ...)",
        "--source", "replay", "--input", input(), "--mongo", "mongodb://127.0.0.1/streaming.results");
    assertUsage("--mongo has no collection for pipeline 'sql'", "--source", "replay",
        "--input", input(), "--pipeline", "sql", "--query", "SELECT word FROM words",
        "--mongo", mongo.uri("x"));
  }

  @Test
  void unreachableServer() throws Exception {
    int port = Launcher.freePort();
    assertUsage("--mongo mongodb://127.0.0.1:" + port + "/streaming: cannot connect (127.0.0.1:"
        + port + ": ConnectException: Connection refused); is the server running?"
        + " (bin/mongo-local status)",
        "--source", "replay", "--input", input(), "--mongo", "mongodb://127.0.0.1:" + port + "/streaming");
  }

  @Test
  void refusedCredentialsFromTheConfFileOrTheUri() throws Exception {
    Path conf = Files.writeString(tmp.resolve("creds.properties"),
        "mongo.user=lab\nmongo.password=" + SECRET + "\n");
    String line = "--mongo " + mongo.uri("streaming") + ": authentication failed (";
    // The driver's own log (its settings, connections, the failure) at INFO, and ours.
    try (LogCapture driverLog = LogCapture.of("org.mongodb");
        LogCapture ourLog = LogCapture.of("dstream.wordcount")) {
      String err = usageLine("--source", "replay", "--input", input(),
          "--mongo", mongo.uri("streaming"), "--conf", conf.toString());
      assertTrue(err.startsWith(line) && err.endsWith("; check mongo.user and mongo.password in"
          + " the conf file (or user:password@ in the URI)"), err);
      assertFalse(err.contains(SECRET), err);
      String inUri = usageLine("--source", "replay", "--input", input(), "--mongo",
          mongo.uri("streaming").replace("//", "//lab:" + SECRET + "@"));
      assertEquals(err, inUri, "the URI is shown without its credentials");
      assertTrue(driverLog.text().contains("lab"), "the driver logged: " + driverLog.text());
      assertFalse(driverLog.text().contains(SECRET), driverLog.text());
      assertFalse(ourLog.text().contains(SECRET), ourLog.text());
    }
  }

  @Test
  void passwordWithoutUser() throws Exception {
    assertConfRefused("mongo.password=" + SECRET, "conf key mongo.password needs a user: set"
        + " mongo.user, or write mongodb://USER@HOST:PORT/DATABASE in --mongo");
  }

  @Test
  void unknownMongoConfKey() throws Exception {
    assertConfRefused("mongo.pasword=x", "conf key 'mongo.pasword' is unknown: the mongodb keys"
        + " are mongo.user, mongo.password and mongo.retry-for");
  }

  /** A replay job with {@code --mongo} and a conf file of {@code line}: refused with {@code expected}. */
  private void assertConfRefused(String line, String expected) throws Exception {
    Path conf = Files.writeString(tmp.resolve("mongo.properties"), line + "\n");
    assertUsage(expected, "--source", "replay", "--input", input(), "--mongo", mongo.uri("x"),
        "--conf", conf.toString());
  }

  @Test
  void passwordNeverInHelpOrTheCheckpointRecord() throws Exception {
    StringWriter help = new StringWriter();
    Help.print(new PrintWriter(help), Job.components());
    assertTrue(help.toString().contains("--mongo <URI>"), help.toString());
    MongoOutput out = new MongoOutput();
    MongoOutput.Settings s = new MongoOutput.Settings(
        "mongodb://lab:" + SECRET + "@db.example:27017/streaming?authSource=admin", null, SECRET,
        60_000);
    assertEquals("mongodb://db.example:27017/streaming?authSource=admin",
        out.recordedValue(MongoOutput.MONGO, s, s.rawUri()));
    assertFalse(s.toString().contains(SECRET), s.toString());
    assertFalse(help.toString().contains(SECRET));
  }
}
