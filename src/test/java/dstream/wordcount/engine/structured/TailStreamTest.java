package dstream.wordcount.engine.structured;

import static dstream.wordcount.testing.TailedFile.append;
import static dstream.wordcount.testing.TailedFile.appendLines;
import static dstream.wordcount.testing.TailedFile.expected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.live.RunState;
import dstream.wordcount.run.Job;
import dstream.wordcount.sources.TailSource;
import dstream.wordcount.testing.BackgroundJob;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.LogCapture;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.SharedSpark;
import dstream.wordcount.testing.UsageErrors;
import dstream.wordcount.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --source tail} on the structured engine ({@link TailStream}), through the production
 * runner with {@code --pipeline count}, whose per-batch counts summed over every micro-batch
 * written are the totals: appended lines counted exactly (a partial line waits for its newline),
 * {@code --from-start}, a rotation, and a query stopped and restarted on its checkpoint with lines
 * appended and the file rotated while it was down; a real driver killed with SIGKILL and restarted
 * on its checkpoint. Then, on the source alone, micro-batches run
 * again after a failed one (offsets logged, not committed), within a file and across a rotation:
 * the same lines. Every wait is bounded.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class TailStreamTest {
  private static final long WAIT_MS = 60_000;
  /** A few triggers: long enough for a batch that should not come to show up. */
  private static final long QUIET_MS = 2_500;
  private static final String RUNNER_LOG = "dstream.wordcount.engine.structured.StructuredRunner";
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  @Test
  void appendedLinesAreCountedExactly() throws Exception {
    Path log = tmp.resolve("app.log");
    append(log, "before the start\n");
    Path out = tmp.resolve("out/count");
    try (LogCapture said = LogCapture.of(RUNNER_LOG);
        BackgroundJob job = start(args(log, out))) {
      awaitStarted(said, log + " from its end");
      appendLines(log, 1, 10);
      awaitTotals(out, expected(1, 10));
      append(log, "l11 tail\nl12 ta");
      Thread.sleep(QUIET_MS); // triggers pass with the last line unfinished
      append(log, "il\n");
      awaitTotals(out, expected(1, 12));
      Thread.sleep(QUIET_MS);
      assertEquals(expected(1, 12), totals(out), "nothing counted twice");
    }
  }

  @Test
  void fromStartReadsTheExistingLines() throws Exception {
    Path log = tmp.resolve("app.log");
    appendLines(log, 1, 5);
    Path out = tmp.resolve("out/count");
    List<String> args = new ArrayList<>(args(log, out));
    args.add("--from-start");
    try (LogCapture said = LogCapture.of(RUNNER_LOG); BackgroundJob job = start(args)) {
      awaitStarted(said, log + " from its start");
      awaitTotals(out, expected(1, 5));
      appendLines(log, 6, 8);
      awaitTotals(out, expected(1, 8));
    }
  }

  @Test
  void aRotationKeepsCounting() throws Exception {
    Path log = tmp.resolve("app.log");
    append(log, "");
    Path out = tmp.resolve("out/count");
    try (LogCapture said = LogCapture.of(RUNNER_LOG); BackgroundJob job = start(args(log, out))) {
      awaitStarted(said, log + " from its end");
      appendLines(log, 1, 5);
      awaitTotals(out, expected(1, 5));
      // The old file's last lines, its last one unterminated, then renamed away and re-created.
      append(log, "l6 tail\nl7 tail");
      Files.move(log, tmp.resolve("app.log.1"));
      appendLines(log, 8, 10);
      awaitTotals(out, expected(1, 10));
      Thread.sleep(QUIET_MS);
      assertEquals(expected(1, 10), totals(out));
    }
  }

  /**
   * Stopped after some micro-batches, lines appended and the file rotated while no query runs,
   * restarted on the same checkpoint: every line counted once over both runs.
   */
  @Test
  void aQueryRestartedOnItsCheckpointCountsEveryLineOnce() throws Exception {
    Path log = tmp.resolve("server.log");
    append(log, "before the first start\n");
    Path out = tmp.resolve("out/count");
    List<String> args = new ArrayList<>(args(log, out));
    args.addAll(List.of("--checkpoint", tmp.resolve("checkpoint").toString()));
    try (LogCapture said = LogCapture.of(RUNNER_LOG); BackgroundJob first = start(args)) {
      awaitStarted(said, log + " from its end");
      appendLines(log, 1, 10);
      awaitTotals(out, expected(1, 10));
      appendLines(log, 11, 20);
      awaitTotals(out, expected(1, 20));
    } // a graceful stop
    appendLines(log, 21, 30);
    append(log, "l31 tail"); // unterminated, then rotated: the rest of the old file
    Files.move(log, tmp.resolve("server.log.1"));
    appendLines(log, 32, 40);
    try (LogCapture said = LogCapture.of(RUNNER_LOG); BackgroundJob second = start(args)) {
      awaitTotals(out, expected(1, 40));
      assertTrue(said.text().contains("recovered the job from checkpoint"), said.text());
      appendLines(log, 41, 45);
      awaitTotals(out, expected(1, 45));
      Thread.sleep(QUIET_MS);
      assertEquals(expected(1, 45), totals(out));
    }
  }

  /**
   * The crash test: a real {@code bin/run-wordcount --engine structured} killed with SIGKILL as
   * soon as the micro-batch holding lines 21..40 is in the offset log (before or just after it is
   * committed), lines 41..60 appended while no driver runs, and a second driver on the same
   * checkpoint: every line counted once over both.
   */
  @Test
  void aKilledDriverRestartedOnItsCheckpointCountsEveryLineOnce() throws Exception {
    Path log = tmp.resolve("server.log");
    append(log, "before the first start\n");
    Path out = tmp.resolve("out/count");
    Path checkpoint = tmp.resolve("checkpoint");
    Path conf = tmp.resolve("quiet.properties");
    Files.writeString(conf, "spark.ui.enabled = false\n");
    String[] args = {"--engine", "structured", "--source", "tail", "--file", log.toString(),
        "--pipeline", "count", "--checkpoint", checkpoint.toString(), "--batch", "1s",
        "--output", out.toString(), "--no-print", "--conf", conf.toString()};
    try (Launcher.Run first = Launcher.start(tmp.resolve("driver1"), "run-wordcount", args)) {
      assertTrue(first.awaitOutput("tail source: following " + log + " from its end",
          WAIT_MS / 1000), first.err());
      appendLines(log, 1, 20);
      awaitTotals(out, expected(1, 20));
      appendLines(log, 21, 40);
      long size = Files.size(log);
      Waits.until(WAIT_MS, () -> "lines 21-40 in the offset log: " + first.err(),
          () -> offsetLogged(checkpoint, size));
      first.kill(Duration.ofSeconds(30));
    }
    appendLines(log, 41, 60);
    try (Launcher.Run second = Launcher.start(tmp.resolve("driver2"), "run-wordcount", args)) {
      assertTrue(second.awaitOutput("recovered the job from checkpoint", WAIT_MS / 1000),
          second.err());
      awaitTotals(out, expected(1, 60));
      Thread.sleep(QUIET_MS);
      assertEquals(expected(1, 60), totals(out));
    }
  }

  /** Whether a micro-batch ending at byte {@code offset} of the file is in the offset log. */
  private static boolean offsetLogged(Path checkpoint, long offset) {
    Path offsets = checkpoint.resolve("offsets");
    if (!Files.isDirectory(offsets)) {
      return false;
    }
    try (Stream<Path> batches = Files.list(offsets)) {
      return batches.anyMatch(b -> {
        try {
          return Files.readString(b).contains("\"offset\":" + offset + ",");
        } catch (IOException e) {
          return false; // being written
        }
      });
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * The crash equivalent on the source alone: a query whose micro-batch fails has logged its
   * offsets without committing it, and the next query on the checkpoint runs it again from the
   * file, a new {@link TailMicroBatchStream} that never saw its lines. Batch 1 spans lines of one
   * file, re-read after that file was rotated away; batch 2 is the rotated file's rest, re-read
   * from the rotated file found by its key.
   */
  @Test
  void aMicroBatchRunAgainAfterAFailureHasTheSameLines() throws Exception {
    Path log = tmp.resolve("app.log");
    append(log, "old\n");
    Path checkpoint = tmp.resolve("checkpoint");

    Batches first = new Batches(1);
    StreamingQuery q1 = query(log, checkpoint, first);
    try {
      append(log, "a b\n");
      awaitCommitted(checkpoint, 0, first);
      append(log, "c d\n");
      awaitFailed(q1, first);
    } finally {
      q1.stop();
    }
    assertEquals(Map.of(0L, List.of("a b"), 1L, List.of("c d")), first.batches());

    append(log, "e\npar");
    Files.move(log, tmp.resolve("app.log.1"));
    append(log, "f\n");
    Batches second = new Batches(2);
    StreamingQuery q2 = query(log, checkpoint, second);
    try {
      awaitFailed(q2, second);
    } finally {
      q2.stop();
    }
    assertEquals(Map.of(1L, List.of("c d"), 2L, List.of("e", "par")), second.batches());

    Batches third = new Batches(Long.MAX_VALUE);
    StreamingQuery q3 = query(log, checkpoint, third);
    try {
      Waits.until(WAIT_MS, () -> "batch 3; so far " + third.batches(), () -> {
        failIfFailed(q3);
        return third.batches().containsKey(3L);
      });
      Thread.sleep(QUIET_MS);
    } finally {
      q3.stop();
    }
    assertEquals(Map.of(2L, List.of("e", "par"), 3L, List.of("f")), third.batches());
  }

  @Test
  void usageAndRecovery() throws Exception {
    assertNull(new TailStream().notRecoverable());
    assertEquals("--file hdfs://nn:9000/logs/app.log: the tail source follows a"
        + " local file only (a receiver reads it where it runs); use --source files for a"
        + " directory on hdfs://", UsageErrors.usageLine("--engine", "structured", "--source", "tail",
            "--file", "hdfs://nn:9000/logs/app.log"));
    assertEquals("--source tail needs --file PATH: the local file to follow, e.g. "
        + "/var/log/syslog", UsageErrors.usageLine("--engine", "structured", "--source", "tail"));
    // No receiver holds a core here: local[1] passes the declaration's validation.
    Job one = Job.parse("--engine", "structured", "--source", "tail", "--file",
        tmp.resolve("a.log").toString(), "--master", "local[1]");
    one.validate();
  }

  // ---- helpers ----

  /** Each micro-batch's lines by id; from batch {@code failFrom} on it records, then fails. */
  static final class Batches implements VoidFunction2<Dataset<String>, Long> {
    private static final long serialVersionUID = 1L;
    private final Map<Long, List<String>> batches = new ConcurrentSkipListMap<>();
    private final long failFrom;

    Batches(long failFrom) {
      this.failFrom = failFrom;
    }

    @Override
    public void call(Dataset<String> batch, Long batchId) {
      batches.put(batchId, new ArrayList<>(batch.collectAsList()));
      if (batchId >= failFrom) {
        throw new IllegalStateException("batch " + batchId + " fails on purpose");
      }
    }

    Map<Long, List<String>> batches() {
      return new TreeMap<>(batches);
    }
  }

  /** The source as the runner opens it, in a query of its own with a 200 ms trigger. */
  private static StreamingQuery query(Path log, Path checkpoint, Batches sink) throws Exception {
    Job job = Job.parse("--engine", "structured", "--source", "tail", "--file", log.toString());
    StreamInput in = new TailStream().open(job.settings(TailSource.class), job.options(),
        new RunState(), spark.sessions().create(job.options()));
    return in.records().writeStream()
        .trigger(Trigger.ProcessingTime(200, TimeUnit.MILLISECONDS))
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch(sink)
        .start();
  }

  private static void failIfFailed(StreamingQuery q) {
    if (q.exception().isDefined()) {
      throw new AssertionError("the query failed", q.exception().get());
    }
  }

  private static void awaitCommitted(Path checkpoint, long batch, Batches sink)
      throws InterruptedException {
    Waits.until(WAIT_MS, () -> "batch " + batch + " committed; so far " + sink.batches(),
        () -> Files.exists(checkpoint.resolve("commits/" + batch)));
  }

  private static void awaitFailed(StreamingQuery q, Batches sink) throws InterruptedException {
    Waits.until(WAIT_MS, () -> "the batch that fails on purpose; so far " + sink.batches(),
        () -> q.exception().isDefined());
  }

  private static List<String> args(Path log, Path out) {
    return List.of("--engine", "structured", "--source", "tail", "--file", log.toString(),
        "--pipeline", "count", "--batch", "500ms", "--output", out.toString(), "--no-print",
        "--duration", "120s");
  }

  private static BackgroundJob start(List<String> args) throws Exception {
    return BackgroundJob.start(args, spark);
  }

  /** The banner is logged once the source is opened: its start is taken by then. */
  private static void awaitStarted(LogCapture said, String following) throws InterruptedException {
    Waits.until(WAIT_MS, () -> "the source opened: " + said.text(),
        () -> said.text().contains("tail source: following " + following));
  }

  /** The per-batch counts of every micro-batch written completely, summed. */
  private static Map<String, Long> totals(Path prefix) {
    SortedMap<Long, List<String>> batches = OutputFiles.read(prefix);
    Map<String, Long> sum = new TreeMap<>();
    batches.forEach((time, lines) -> {
      Path dir = prefix.resolveSibling(prefix.getFileName() + "-" + time + ".txt");
      if (Files.exists(dir.resolve("_SUCCESS"))) {
        Counts.parse(lines).forEach((w, n) -> sum.merge(w, n, Long::sum));
      }
    });
    return sum;
  }

  /** Waits for exactly {@code expected}; a count above it fails at once. */
  private static void awaitTotals(Path out, Map<String, Long> expected) throws InterruptedException {
    Waits.until(WAIT_MS, () -> expected + ", saw " + totals(out), () -> {
      Map<String, Long> seen = totals(out);
      seen.forEach((w, n) -> assertTrue(n <= expected.getOrDefault(w, 0L),
          "counted twice or never appended: " + w + "=" + n + " for " + expected));
      return seen.equals(expected);
    });
  }
}
