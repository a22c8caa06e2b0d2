package dstream.wordcount.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the project's launchers in {@code bin/} as a user would, as separate processes with their
 * output in files, and makes sure none outlives its test.
 */
public final class Launcher {
  /** The project directory (Surefire passes it; the working directory otherwise). */
  public static final Path HOME = Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath();

  private Launcher() {}

  /** A started launcher process; closing it kills the process tree. */
  public static final class Run implements AutoCloseable {
    public final Process process;
    public final Path stdout;
    public final Path stderr;

    Run(Process process, Path stdout, Path stderr) {
      this.process = process;
      this.stdout = stdout;
      this.stderr = stderr;
    }

    public String out() throws IOException {
      return Files.readString(stdout, StandardCharsets.UTF_8);
    }

    public String err() throws IOException {
      return Files.readString(stderr, StandardCharsets.UTF_8);
    }

    /** Waits for the exit code, killing the process if it takes longer than {@code seconds}. */
    public int await(long seconds) throws InterruptedException {
      if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
        close();
        throw new AssertionError("process did not finish within " + seconds + " s");
      }
      return process.exitValue();
    }

    /** Waits until stdout or stderr contains {@code text}, at most {@code seconds}. */
    public boolean awaitOutput(String text, long seconds) throws IOException, InterruptedException {
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
  }

  /** Starts {@code bin/<script> args...} with its output in {@code workDir}. */
  public static Run start(Path workDir, String script, String... args) throws IOException {
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
    pb.environment().put("WORDCOUNT_JAVA_OPTS", "-Xmx1g -Dspark.ui.enabled=false");
    return new Run(pb.start(), out, err);
  }
}
