package dstream.wordcount.outputs.db;

import dstream.wordcount.live.RunState;
import java.io.Serializable;

/**
 * The user and password of a database, kept out of everything that is written down: the graph
 * (and so the checkpoint) holds only the credential-free {@link DbSettings}; the output registers
 * the credentials of the current run in its {@code RunState}, each batch looks them up there on
 * the driver and hands them to its partition tasks, which carry them to the executors inside the
 * serialized task the way Spark's own JDBC source carries its options (never into a checkpoint).
 * {@link #toString} never shows the password.
 *
 * @param user the database user, or null (SQLite, or the driver's default)
 * @param password the password, or null
 */
public record DbCredentials(String user, String password) implements Serializable {
  @Override
  public String toString() {
    return "DbCredentials[user=" + user + ", password=" + (password == null ? "none" : "***") + "]";
  }
}
