package dstream.wordcount.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One of the project's {@code bin/} daemons ({@code kafka-local}, {@code postgres-local},
 * {@code hdfs-local}, {@code mongo-local}) run for a test, as a user runs it: {@code start --port
 * PORT --data DIR} and {@code stop --data DIR}, each bounded and required to succeed. The servers
 * of {@code testing} hold one and add what their kind of server offers.
 *
 * @param script the script's name under {@code bin/}
 * @param data its data directory
 * @param port its loopback port
 * @param startTimeout the bound of a start (generous: a first start resolves jars or packages)
 * @param stopTimeout the bound of a stop
 */
record LocalDaemon(String script, Path data, int port, Duration startTimeout,
    Duration stopTimeout) {
  /** A daemon on a free port. */
  static LocalDaemon on(String script, Path data, Duration startTimeout, Duration stopTimeout) {
    return new LocalDaemon(script, data, Launcher.freePort(), startTimeout, stopTimeout);
  }

  /** A fresh directory under the system temp directory, named {@code prefix...}. */
  static Path tempData(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts it (again) on its port and data; returns what the script printed. */
  Launcher.Result start() {
    return Launcher.run(startTimeout, script, "start", "--port", Integer.toString(port), "--data",
        data.toString()).requireSuccess("bin/" + script + " start");
  }

  /** Stops it. */
  void stop() {
    Launcher.run(stopTimeout, script, "stop", "--data", data.toString())
        .requireSuccess("bin/" + script + " stop");
  }

  /** Stops it, then removes its data directory (a leftover temp directory is harmless). */
  void stopAndDelete() {
    try {
      stop();
    } finally {
      try (Stream<Path> all = Files.walk(data)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // nothing to do
      }
    }
  }
}
