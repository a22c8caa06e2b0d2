package dstream.wordcount.testing;

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

/** Runs the project's {@code bin/} scripts as real processes, every wait bounded. */
public final class Scripts {
  private Scripts() {}

  /** The project's home: Maven's basedir, else the working directory. */
  public static Path home() {
    return Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath().normalize();
  }

  /** A loopback port nothing listens on right now. */
  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What a finished script did. */
  public record Result(int exit, String out, String err) {
    /** Fails with the script's output unless it exited 0. */
    public Result requireSuccess(String what) {
      if (exit != 0) {
        throw new AssertionError(what + " exited " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err);
      }
      return this;
    }
  }

  /** Runs {@code bin/<script> args} to its end, killing it after {@code timeout}. */
  public static Result run(Duration timeout, String script, String... args) {
    try {
      Path dir = Files.createTempDirectory("script-");
      Running p = start(dir, script, args);
      try {
        if (!p.process().waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("bin/" + script + " " + String.join(" ", args) + " did not end within "
              + timeout + "\nstdout:\n" + p.out() + "\nstderr:\n" + p.err());
        }
        return new Result(p.process().exitValue(), p.out(), p.err());
      } finally {
        p.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** Starts {@code bin/<script> args} in the background; its output goes to files in {@code dir}. */
  public static Running start(Path dir, String script, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(home().resolve("bin").resolve(script).toString());
    cmd.addAll(List.of(args));
    Files.createDirectories(dir);
    Path out = Files.createTempFile(dir, script, ".out");
    Path err = Files.createTempFile(dir, script, ".err");
    ProcessBuilder pb = new ProcessBuilder(cmd)
        .directory(home().toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile());
    // A driver needs far less than the default quarter of the machine's memory.
    pb.environment().putIfAbsent("WORDCOUNT_JAVA_OPTS", "-Xmx768m");
    pb.environment().put("WORDCOUNT_LOG_DIR", dir.resolve("logs").toString());
    return new Running(pb.start(), out, err);
  }

  /** A script running in the background; {@link #close} kills it (SIGKILL) if it still runs. */
  public record Running(Process process, Path outFile, Path errFile) implements AutoCloseable {
    public String out() {
      return read(outFile);
    }

    public String err() {
      return read(errFile);
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

    public int awaitExit(Duration timeout) throws InterruptedException {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("process did not exit within " + timeout + "\nstderr:\n" + err());
      }
      return process.exitValue();
    }

    @Override
    public void close() {
      if (process.isAlive()) {
        process.destroyForcibly();
        try {
          process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
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
}
