package dstream.wordcount.fs;

import dstream.wordcount.cli.UsageException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.ipc.RemoteException;
import org.apache.hadoop.security.AccessControlException;

/**
 * Hadoop's failures during {@link HadoopPaths}' checks, in words a user can act on: a refusal by
 * the file system, a denied permission, a file system that cannot be reached (with the fix), or
 * any other failure, each one line naming the option and the path.
 */
final class HadoopFailures {
  private HadoopFailures() {}

  /** One check, with Hadoop's failures turned into usage errors. */
  @FunctionalInterface
  interface Check {
    void run() throws IOException, UsageException;
  }

  static void check(String option, String path, Check check) throws UsageException {
    try {
      check.run();
    } catch (RemoteException e) {
      throw new UsageException("--" + option + " " + path + ": the file system refused it ("
          + firstLine(e.unwrapRemoteException()) + "); fix the path or the file system");
    } catch (AccessControlException e) {
      throw new UsageException("--" + option + " " + path + ": permission denied (" + firstLine(e)
          + "); choose a location you may write to");
    } catch (IOException | IllegalArgumentException e) {
      Throwable unreachable = unreachable(e);
      if (unreachable != null) {
        URI fsUri = new Path(path).toUri();
        String at = fsUri.getAuthority() == null ? "the default file system" : fsUri.getScheme() + "://"
            + fsUri.getAuthority();
        throw new UsageException("--" + option + " " + path + ": cannot reach " + at + " ("
            + reason(unreachable) + "); start it (bin/hdfs-local start) or correct the host and port");
      }
      throw new UsageException("--" + option + " " + path + ": cannot use it (" + firstLine(e)
          + "); fix the path or the file system");
    }
  }

  /** The network failure behind {@code e}, if that is what it is. */
  private static Throwable unreachable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof ConnectException || t instanceof UnknownHostException
          || t instanceof NoRouteToHostException || t instanceof SocketTimeoutException
          || t instanceof InterruptedIOException) {
        return t;
      }
    }
    return null;
  }

  private static String reason(Throwable t) {
    if (t instanceof UnknownHostException) {
      return "unknown host " + t.getMessage();
    }
    if (t instanceof ConnectException) {
      return "connection refused";
    }
    if (t instanceof SocketTimeoutException || t instanceof InterruptedIOException) {
      return "no answer within 5 s";
    }
    return t.getClass().getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static String firstLine(Throwable e) {
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("").trim();
  }
}
