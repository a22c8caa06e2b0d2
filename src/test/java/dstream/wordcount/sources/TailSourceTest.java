package dstream.wordcount.sources;

import static dstream.wordcount.testing.TailedFile.append;
import static dstream.wordcount.testing.TailedFile.appendLines;
import static dstream.wordcount.testing.TailedFile.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.core.FilePosition;
import dstream.wordcount.testing.BackgroundJob;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.LogCapture;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.SharedSpark;
import dstream.wordcount.testing.UsageErrors;
import dstream.wordcount.testing.Waits;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --source tail}, the custom receiver, through the production runner with the running
 * totals of {@code cumulative}: a file created after the start, appends, a partial line, rotation
 * and truncation in one run; usage errors; and the
 * write-ahead-log crash test, a real {@code bin/run-wordcount} killed with SIGKILL and restarted
 * on its checkpoint, whose totals are exact: nothing received before the crash lost, nothing
 * appended while it was down lost, nothing counted twice.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TailSourceTest {
  private static final long WAIT_MS = 60_000;
  private static final String RECEIVER_LOG = "dstream.wordcount.sources.TailReceiver";
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  /**
   * One run, one file: created after the start (waited for, said once, read from its start), then
   * appends, a partial line, a rotation and a truncation, each checked by the exact running
   * totals. Starting at the end of an existing file is the crash test's first driver.
   */
  @Test
  void followsALateFileAppendsPartialLinesRotationAndTruncation() throws Exception {
    Path log = tmp.resolve("app.log");
    Path out = tmp.resolve("out/tail");
    try (LogCapture said = LogCapture.of(RECEIVER_LOG);
        BackgroundJob job = BackgroundJob.start(args(log, out), spark)) {
      Waits.until(WAIT_MS, () -> "the receiver waiting: " + said.text(),
          () -> said.text().contains(log + " does not exist yet; waiting for it to appear"));
      append(log, "x y\nx\n");
      awaitTotals(out, "x", 2, "y", 1);
      append(log, "a b\n");
      awaitTotals(out, "x", 2, "y", 1, "a", 1, "b", 1);
      append(log, "a par");
      Thread.sleep(2_000); // two batches pass with the line unfinished
      append(log, "tial\n");
      awaitTotals(out, "x", 2, "y", 1, "a", 2, "b", 1, "partial", 1);
      // Rotation: a last line for the old file, renamed away, a new file in its place.
      append(log, "d\n");
      Files.move(log, tmp.resolve("app.log.1"));
      append(log, "c c c c\n");
      awaitTotals(out, "x", 2, "y", 1, "a", 2, "b", 1, "partial", 1, "d", 1, "c", 4);
      // Truncation (copytruncate): shorter than what was read, so read again from its start.
      try (FileChannel ch = FileChannel.open(log, StandardOpenOption.WRITE)) {
        ch.truncate(0);
      }
      append(log, "e\n");
      awaitTotals(out, "x", 2, "y", 1, "a", 2, "b", 1, "partial", 1, "d", 1, "c", 4, "e", 1);
      String text = said.text();
      assertEquals(1, text.split("does not exist yet", -1).length - 1, "said once: " + text);
      assertTrue(text.contains(log + " appeared; reading it from its start"), text);
      assertTrue(text.contains(log + " was replaced (rotated)"), text);
      assertTrue(text.contains(log + " was truncated"), text);
    }
  }

  @Test
  void usageErrors() throws IOException {
    assertEquals("--source tail needs --file PATH: the local file to follow, e.g. "
        + "/var/log/syslog", UsageErrors.usageLine("--source", "tail"));
    assertEquals("--file hdfs://nn:9000/logs/app.log: the tail source follows a"
        + " local file only (a receiver reads it where it runs); use --source files for a"
        + " directory on hdfs://",
        UsageErrors.usageLine("--source", "tail", "--file", "hdfs://nn:9000/logs/app.log"));
    Path missingDir = tmp.resolve("nosuch/app.log");
    assertEquals("--file " + missingDir + ": no such directory " + missingDir.getParent()
        + " (a file that does not exist yet is waited for, its directory must exist)",
        UsageErrors.usageLine("--source", "tail", "--file", missingDir.toString()));
    assertEquals("--file " + tmp + " is a directory; give a file",
        UsageErrors.usageLine("--source", "tail", "--file", tmp.toString()));
    assertEquals("--master local[1] gives the tail receiver the only core, so no "
        + "batch would ever be processed; use local[2] or more",
        UsageErrors.usageLine("--source", "tail", "--file", tmp.resolve("a.log").toString(),
            "--master", "local[1]"));
  }

  /**
   * The crash test. Lines 1..20 are counted; lines 21..40 are appended and the driver is killed
   * (SIGKILL) as soon as the receiver's position file says they are stored, which is before or
   * just after the batch that holds them runs; lines 41..60 are appended while no driver runs.
   * The restarted driver recovers the checkpoint: blocks stored before the crash come back from
   * the write-ahead log, the receiver goes on at its recorded position, so the final totals are
   * exactly those of lines 1..60.
   */
  @Test
  void writeAheadLogAndPositionLoseNothingAcrossAKilledDriver() throws Exception {
    Path log = tmp.resolve("server.log");
    append(log, "before the first start\n");
    Path out = tmp.resolve("out/crash");
    Path checkpoint = tmp.resolve("checkpoint");
    Path conf = tmp.resolve("wal.properties");
    Files.writeString(conf, "spark.ui.enabled = false\n"
        + "spark.streaming.receiver.writeAheadLog.enable = true\n");
    String[] args = {"--source", "tail", "--file", log.toString(), "--pipeline", "cumulative",
        // 2 s batches: fewer batches missed while the driver is down, which recovery runs first.
        "--checkpoint", checkpoint.toString(), "--batch", "2s", "--output", out.toString(),
        "--no-print", "--conf", conf.toString()};
    Path position = checkpoint.resolve(TailSource.POSITION_FILE);
    long t0 = System.currentTimeMillis();
    try (Launcher.Run first = Launcher.start(tmp.resolve("driver1"), "run-wordcount", args)) {
      // Started at the end: the line written before the start is not counted (expected() lacks it).
      assertTrue(first.awaitOutput("receiver started on " + log + " at byte 23", WAIT_MS / 1000),
          first.err());
      phase("first driver's receiver started", t0);
      appendLines(log, 1, 20);
      awaitTotals(out, expected(1, 20), first::err);
      appendLines(log, 21, 40);
      Waits.until(WAIT_MS, () -> "lines 21-40 stored: " + first.err(),
          () -> storedUpTo(position) == size(log));
      first.kill(Duration.ofSeconds(30));
      phase("first driver killed", t0);
    }
    boolean pendingAtKill = !lastBatch(out).equals(expected(1, 40));
    System.err.println("TailSourceTest: lines 21-40 were " + (pendingAtKill ? "not yet" : "already")
        + " counted when the driver was killed");
    appendLines(log, 41, 60);
    try (Launcher.Run second = Launcher.start(tmp.resolve("driver2"), "run-wordcount", args)) {
      assertTrue(second.awaitOutput("recovered the job from checkpoint", WAIT_MS / 1000), second.err());
      phase("second driver recovered", t0);
      awaitTotals(out, expected(1, 60), second::err);
      phase("second driver counted lines 1-60", t0);
      assertTrue(second.err().contains("(where the last run stopped)"), second.err());
      Thread.sleep(2_500); // another batch: nothing counted twice arrives late
      assertEquals(expected(1, 60), lastBatch(out));
    } // closed: killed, since a graceful stop would only add time here
    assertEquals(expected(1, 60), lastBatch(out));
  }

  // ---- helpers ----

  /** Progress on the test log, so a slow CI run shows where the time went. */
  private static void phase(String what, long t0) {
    System.err.printf("TailSourceTest: %s after %d ms%n", what, System.currentTimeMillis() - t0);
  }

  private static List<String> args(Path log, Path out) {
    return List.of("--source", "tail", "--file", log.toString(), "--pipeline", "cumulative",
        "--batch", "1s", "--output", out.toString(), "--no-print", "--duration", "90s");
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private static long storedUpTo(Path position) {
    try {
      List<String> lines = Files.exists(position) ? Files.readAllLines(position) : List.of();
      FilePosition p = lines.isEmpty() ? null : FilePosition.parse(lines.get(0));
      return p == null ? -2 : p.offset();
    } catch (IOException e) {
      return -2; // between the write aside and the rename
    }
  }

  /** The running totals of the newest output batch that was written completely. */
  private static Map<String, Long> lastBatch(Path prefix) {
    SortedMap<Long, List<String>> batches = OutputFiles.read(prefix);
    List<Long> newestFirst = new ArrayList<>(batches.keySet());
    Collections.reverse(newestFirst);
    for (Long time : newestFirst) {
      Path dir = prefix.resolveSibling(prefix.getFileName() + "-" + time + ".txt");
      if (Files.exists(dir.resolve("_SUCCESS"))) {
        return Counts.parse(batches.get(time));
      }
    }
    return Map.of();
  }

  private static void awaitTotals(Path out, Object... pairs) throws InterruptedException {
    Map<String, Long> expected = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      expected.put((String) pairs[i], ((Integer) pairs[i + 1]).longValue());
    }
    awaitTotals(out, expected, () -> "");
  }

  /** Waits for exactly {@code expected} as running totals; a count above it fails at once. */
  private static void awaitTotals(Path out, Map<String, Long> expected, Supplier<String> log)
      throws InterruptedException {
    Waits.until(WAIT_MS, () -> expected + ", saw " + lastBatch(out) + log.get(), () -> {
      Map<String, Long> seen = lastBatch(out);
      seen.forEach((w, n) -> assertTrue(n <= expected.getOrDefault(w, 0L),
          "counted twice or never written: " + w + "=" + n + " for " + expected + log.get()));
      return seen.equals(expected);
    });
  }
}
