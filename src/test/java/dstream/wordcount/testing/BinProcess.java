package dstream.wordcount.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A script of the project's {@code bin/} run as a child process, the way a user runs it: stdout
 * and stderr go to files next to each other, every wait is bounded, and {@link #close} kills the
 * whole process tree, so a failing test leaves nothing running.
 */
public final class BinProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path out;
  private final Path err;

  private BinProcess(String name, Process process, Path out, Path err) {
    this.name = name;
    this.process = process;
    this.out = out;
    this.err = err;
  }

  /** The project directory (Maven passes it as {@code project.basedir}). */
  public static Path home() {
    return Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();
  }

  /**
   * Starts {@code bin/<script> args}; output goes to {@code logDir/<label>.out} and {@code .err}.
   *
   * @param env extra environment variables
   */
  public static BinProcess start(Path logDir, String label, Map<String, String> env,
      String script, String... args) {
    List<String> command = new ArrayList<>();
    command.add(home().resolve("bin").resolve(script).toString());
    command.addAll(List.of(args));
    try {
      Files.createDirectories(logDir);
      Path out = logDir.resolve(label + ".out");
      Path err = logDir.resolve(label + ".err");
      ProcessBuilder pb = new ProcessBuilder(command)
          .directory(home().toFile())
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(out.toFile())
          .redirectError(err.toFile());
      pb.environment().putAll(env);
      return new BinProcess(label, pb.start(), out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a script to its end and returns it (exited), failing when it takes longer than {@code limit}. */
  public static BinProcess run(Path logDir, String label, Map<String, String> env, Duration limit,
      String script, String... args) {
    BinProcess p = start(logDir, label, env, script, args);
    p.waitFor(limit);
    return p;
  }

  /** Waits for the exit and returns the exit code; kills the tree and fails after {@code limit}. */
  public int waitFor(Duration limit) {
    try {
      if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        close();
        throw new AssertionError(name + " still running after " + limit.toSeconds() + "s; stderr:\n"
            + tail(stderr(), 40));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      close();
      throw new AssertionError(name + " interrupted", e);
    }
    return process.exitValue();
  }

  /** The exit code; the process must have ended. */
  public int exitCode() {
    return process.exitValue();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Asks the process to stop (SIGTERM, what Ctrl-C or a service manager sends). */
  public void terminate() {
    process.destroy();
  }

  public String stdout() {
    return read(out);
  }

  public String stderr() {
    return read(err);
  }

  /** What to show when an assertion about this process fails. */
  public String describe() {
    return name + (process.isAlive() ? " (running)" : " (exit " + process.exitValue() + ")")
        + "\nstdout (tail):\n" + tail(stdout(), 20) + "\nstderr (tail):\n" + tail(stderr(), 40);
  }

  /** Kills the process and everything it started that is still attached to it. */
  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String read(Path file) {
    try {
      return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }
}
