package dstream.wordcount.testing;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL server for tests, run by the project's own {@code bin/postgres-local} on a
 * free loopback port, so the script is tested too. Its data directory is a fresh directory under
 * the system temp directory (not a JUnit {@code @TempDir}: the unprivileged {@code postgres} user
 * must be able to enter it). {@link #close} stops the server and removes the directory; call it
 * from {@code @AfterAll}.
 */
public final class PostgresServer implements AutoCloseable {
  /** Generous: the first start on a fresh machine installs the package with apt-get. */
  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

  private final LocalDaemon daemon;

  private PostgresServer() {
    this.daemon = LocalDaemon.on("postgres-local", LocalDaemon.tempData("postgres-local-test-"),
        START_TIMEOUT, STOP_TIMEOUT);
  }

  /** Starts a server with a new cluster. */
  public static PostgresServer start() {
    PostgresServer s = new PostgresServer();
    s.startAgain();
    return s;
  }

  /** The JDBC URL the script printed (checked against what it must be). */
  public String url() {
    return "jdbc:postgresql://127.0.0.1:" + daemon.port() + "/wordcount";
  }

  /** The credentials file the script wrote: a conf file with db.user and db.password. */
  public Path credentials() {
    return data().resolve("db.properties");
  }

  public Path data() {
    return daemon.data();
  }

  /** Starts the stopped server again on the same port and data; returns the script's stdout. */
  public String startAgain() {
    Launcher.Result r = daemon.start();
    if (!r.out().contains("JDBC URL: " + url() + "\n")) {
      throw new AssertionError("bin/postgres-local start did not print the JDBC URL:\n" + r.out());
    }
    return r.out();
  }

  /** Stops the server (fast shutdown, bounded). */
  public void stop() {
    daemon.stop();
  }

  /** Runs {@code bin/postgres-local psql ARGS}. */
  public Launcher.Result psql(String... args) {
    String[] all = new String[args.length + 3];
    all[0] = "psql";
    all[1] = "--data";
    all[2] = data().toString();
    System.arraycopy(args, 0, all, 3, args.length);
    return Launcher.run(Duration.ofSeconds(60), "postgres-local", all);
  }

  @Override
  public void close() {
    daemon.stopAndDelete();
  }
}
