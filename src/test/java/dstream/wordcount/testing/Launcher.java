package dstream.wordcount.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's launchers in {@code bin/} as a user would, as separate processes with their
 * output in files, every wait bounded, and makes sure none outlives its test.
 */
public final class Launcher {
  /**
   * The project directory: Surefire passes it, {@code bin/} passes it to the bench as
   * {@code wordcount.home}; the working directory otherwise.
   */
  public static final Path HOME = Path.of(System.getProperty("project.basedir",
      System.getProperty("wordcount.home", "."))).toAbsolutePath().normalize();

  private Launcher() {}

  /** A loopback port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a finished launcher did. */
  public record Result(int exit, String out, String err) {
    /** Fails with the launcher's output unless it exited 0. */
    public Result requireSuccess(String what) {
      if (exit != 0) {
        throw new AssertionError(what + " exited " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }
  }

  /** A started launcher process; closing it kills the process tree. */
  public record Run(Process process, Path stdout, Path stderr) implements AutoCloseable {
    public String out() {
      return read(stdout);
    }

    public String err() {
      return read(stderr);
    }

    /** Waits for the exit code, killing the process if it takes longer than {@code seconds}. */
    public int await(long seconds) throws InterruptedException {
      return awaitExit(Duration.ofSeconds(seconds));
    }

    /** Waits for the exit code, killing the process if it takes longer than {@code timeout}. */
    public int awaitExit(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError("process did not exit within " + timeout + "\nstderr:\n" + err());
      }
      return process.exitValue();
    }

    /** Sends SIGTERM (a graceful stop for the driver) and waits for the exit. */
    public int terminate(Duration timeout) throws InterruptedException {
      process.destroy();
      return awaitExit(timeout);
    }

    /** Sends SIGKILL and waits for the exit. */
    public int kill(Duration timeout) throws InterruptedException {
      process.destroyForcibly();
      return awaitExit(timeout);
    }

    /** Waits until stdout or stderr contains {@code text}, at most {@code seconds}. */
    public boolean awaitOutput(String text, long seconds) throws InterruptedException {
      long deadline = System.currentTimeMillis() + seconds * 1000;
      while (System.currentTimeMillis() < deadline) {
        if (out().contains(text) || err().contains(text)) {
          return true;
        }
        if (!process.isAlive()) {
          return out().contains(text) || err().contains(text);
        }
        Thread.sleep(100);
      }
      return false;
    }

    @Override
    public void close() {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static String read(Path p) {
      try {
        return Files.readString(p, StandardCharsets.UTF_8);
      } catch (IOException e) {
        return "(cannot read " + p + ": " + e.getMessage() + ")";
      }
    }
  }

  /** Starts {@code bin/<script> args...} in {@code workDir}, with its output in files there. */
  public static Run start(Path workDir, String script, String... args) throws IOException {
    return start(workDir, java.util.Map.of(), script, args);
  }

  /** {@link #SHORT_RUN_JAVA_OPTS} with both compilers, for a driver that must keep up with a flood. */
  public static final String FULL_JIT_JAVA_OPTS = "-Xmx768m -Dspark.ui.enabled=false";
  /** The JVM flag that leaves compiling to C1 alone. */
  public static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
  /**
   * The JVM options of the scripts tests start. A driver needs far less than the default quarter of
   * the machine, and tests keep the UI off. C1 alone compiles ({@code TieredStopAtLevel=1}): a test
   * driver runs seconds on tiny input, where C2's compiler threads cost more CPU than they save (a
   * replay run of three lines measured 9.5 s of user CPU with C2, 4.5 s without, 1 s less wall
   * time), CPU the test JVM beside it needs on a 2-core machine. A run whose speed is under test
   * passes {@link #FULL_JIT_JAVA_OPTS} in its environment.
   */
  public static final String SHORT_RUN_JAVA_OPTS = FULL_JIT_JAVA_OPTS + " " + C1_ONLY;

  /** {@link #start(Path, String, String...)} with {@code env} added to the script's environment. */
  public static Run start(Path workDir, java.util.Map<String, String> env, String script,
      String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(HOME.resolve("bin").resolve(script).toString());
    command.addAll(List.of(args));
    Files.createDirectories(workDir);
    Path out = Files.createTempFile(workDir, script + "-", ".out");
    Path err = Files.createTempFile(workDir, script + "-", ".err");
    ProcessBuilder pb = new ProcessBuilder(command)
        .directory(workDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    pb.environment().put("WORDCOUNT_LOG_DIR", workDir.resolve("logs").toString());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().put("WORDCOUNT_JAVA_OPTS", SHORT_RUN_JAVA_OPTS);
    pb.environment().putAll(env);
    return new Run(pb.start(), out, err);
  }

  /** Runs {@code bin/<script> args} to its end in a fresh directory, killing it after {@code timeout}. */
  public static Result run(Duration timeout, String script, String... args) {
    try {
      Path dir = Files.createTempDirectory("launcher-");
      try (Run run = start(dir, script, args)) {
        if (!run.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("bin/" + script + " " + String.join(" ", args) + " did not end within "
              + timeout + "\nstdout:\n" + run.out() + "\nstderr:\n" + run.err());
        }
        return new Result(run.process.exitValue(), run.out(), run.err());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
