package dstream.wordcount.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Checks that a Spark standalone master ({@code spark://HOST:PORT}, or a comma-separated list of
 * HA masters) accepts connections before the SparkContext is created. Without it a wrong
 * {@code --master} costs a minute of Spark's own registration retries and ends in "SparkContext
 * has been shutdown"; with it the driver fails at once with a sentence that says what to do.
 */
public final class StandaloneMaster {
  private static final String SCHEME = "spark://";
  private static final int CONNECT_TIMEOUT_MS = 3_000;

  private StandaloneMaster() {}

  /**
   * Does nothing for other masters (local, yarn, k8s) or when one of the masters answers.
   *
   * @throws IllegalStateException when no master of a {@code spark://} URL accepts connections
   */
  public static void requireReachable(String master) {
    if (master == null || !master.startsWith(SCHEME)) {
      return;
    }
    for (String hostPort : master.substring(SCHEME.length()).split(",")) {
      int colon = hostPort.lastIndexOf(':');
      if (colon <= 0) {
        return; // not HOST:PORT: let Spark report the malformed URL in its own words
      }
      try {
        if (answers(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)))) {
          return;
        }
      } catch (NumberFormatException e) {
        return;
      }
    }
    throw new IllegalStateException("no Spark master answers at " + master
        + "; start one (bin/local-cluster start) or fix --master");
  }

  private static boolean answers(String host, int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
      return true;
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }
}
