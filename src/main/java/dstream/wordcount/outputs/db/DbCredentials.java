package dstream.wordcount.outputs.db;

import java.io.Serializable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user and password of a database, kept out of everything that is written down: the graph
 * (and so the checkpoint) holds only the credential-free {@link DbSettings}; the driver registers
 * the credentials of the current run here, by URL, and hands them to each batch's partition tasks,
 * which carry them to the executors the way Spark's own JDBC source carries its options.
 * {@link #toString} never shows the password.
 *
 * @param user the database user, or null (SQLite, or the driver's default)
 * @param password the password, or null
 */
public record DbCredentials(String user, String password) implements Serializable {
  private static final Map<String, DbCredentials> CURRENT = new ConcurrentHashMap<>();

  /** Records the credentials this run uses for {@code url} (credential-free form). */
  public static void register(String url, DbCredentials credentials) {
    CURRENT.put(url, credentials);
  }

  /**
   * The credentials this run registered for {@code url}.
   *
   * @throws IllegalStateException when none were registered (the runner's validation did not run)
   */
  public static DbCredentials lookup(String url) {
    DbCredentials c = CURRENT.get(url);
    if (c == null) {
      throw new IllegalStateException("no credentials registered for " + url
          + ": the database output must be validated (DbOutput.validate) before the job runs");
    }
    return c;
  }

  @Override
  public String toString() {
    return "DbCredentials[user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
