package dstream.wordcount.core;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Properties;

/**
 * The driver that holds, or last held, a checkpoint directory: what its lock file says. Written
 * by the holder, read by a driver that wants the directory, to name the holder in its refusal and
 * to tell whether the holder is still alive.
 *
 * <p>Liveness on the same machine is asked of the operating system (is process {@code pid},
 * started at {@code processStart}, still there?), so a driver killed with SIGKILL frees the
 * directory at once. "The same machine" is the host name and, where Linux shows it, the process-id
 * namespace: two containers sharing a host name have different namespaces, and a pid of one means
 * nothing in the other. Elsewhere only the lease tells (see {@code fs/CheckpointLock}).
 *
 * @param host the holder's host name
 * @param pid the holder's process id
 * @param pidSpace the holder's pid namespace ({@code pid:[4026531836]}), or "" when unknown
 * @param processStart when the holder's process started, or "" when unknown (tells a reused pid)
 * @param started when the holder took the directory
 * @param renewals how often the holder renewed its lease so far
 * @param stopped true once the holder released the directory
 */
public record CheckpointOwner(String host, long pid, String pidSpace, String processStart,
    Instant started, long renewals, boolean stopped) {
  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /** This process, taking a directory now. */
  public static CheckpointOwner thisProcess() {
    ProcessHandle self = ProcessHandle.current();
    return new CheckpointOwner(hostName(), self.pid(), thisPidNamespace(), startOf(self).orElse(""),
        Instant.now().truncatedTo(ChronoUnit.SECONDS), 0, false);
  }

  /** The same owner after one more renewal. */
  public CheckpointOwner renewed() {
    return new CheckpointOwner(host, pid, pidSpace, processStart, started, renewals + 1, stopped);
  }

  /** The same owner, having released the directory. */
  public CheckpointOwner released() {
    return new CheckpointOwner(host, pid, pidSpace, processStart, started, renewals, true);
  }

  /** True when {@code other} runs on this machine, so its pid can be checked here. */
  public boolean sameMachine(CheckpointOwner other) {
    return host.equals(other.host) && pidSpace.equals(other.pidSpace);
  }

  /**
   * Whether this owner's process still runs, asked of this machine's operating system; only
   * meaningful when {@link #sameMachine} holds for the asking process.
   */
  public boolean processAlive() {
    Optional<ProcessHandle> p = ProcessHandle.of(pid);
    if (p.isEmpty() || !p.get().isAlive()) {
      return false;
    }
    // A pid reused by another process since is not the holder.
    Optional<String> start = startOf(p.get());
    return processStart.isEmpty() || start.isEmpty() || start.get().equals(processStart);
  }

  /** How a refusal names it: host, pid and start time. */
  public String describe() {
    return "host " + host + ", pid " + pid + ", started " + SHOWN.format(started);
  }

  /** The lock file's text. */
  public String toText() {
    return "# the driver that holds (state=running) or last held this checkpoint directory;"
        + " see docs/checkpointing.md\n"
        + "host=" + host + "\npid=" + pid + "\npid-namespace=" + pidSpace
        + "\nprocess-start=" + processStart + "\nstarted=" + started + "\nrenewals=" + renewals
        + "\nstate=" + (stopped ? "stopped" : "running") + "\n";
  }

  /** Reads {@link #toText}; null when the text is incomplete (a file being written). */
  public static CheckpointOwner parse(String text) {
    Properties p = new Properties();
    try {
      p.load(new StringReader(text));
      String state = p.getProperty("state");
      if (state == null) {
        return null; // the last line is written last
      }
      return new CheckpointOwner(p.getProperty("host", "?"), Long.parseLong(p.getProperty("pid")),
          p.getProperty("pid-namespace", ""), p.getProperty("process-start", ""),
          Instant.parse(p.getProperty("started")), Long.parseLong(p.getProperty("renewals", "0")),
          state.equals("stopped"));
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static Optional<String> startOf(ProcessHandle p) {
    return p.info().startInstant().map(Instant::toString);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
    }
  }

  /** Linux's pid namespace of this process, "" where there is none to read. */
  private static String thisPidNamespace() {
    try {
      return Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return "";
    }
  }
}
