package dstream.wordcount.engine.structured;

import static dstream.wordcount.testing.UsageErrors.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.run.SparkLine;
import dstream.wordcount.testing.KafkaBroker;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.Waits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --trigger realtime}: {@code grep} on Kafka in Spark's real-time mode, run by the real
 * {@code bin/run-wordcount} against a real broker. Each matching line is printed on stdout once,
 * on its own; the group is committed as real-time batches end, so a later run of the group
 * prints only what came after; and every combination real-time mode cannot run is one line.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class RealTimeTriggerTest {
  private static final long WAIT_MS = 90_000;
  /** A topic of 3 partitions: real-time mode needs 3 task slots. */
  private static final String TOPIC = "realtime";

  @TempDir static Path shared;
  private static KafkaBroker broker;

  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    broker = KafkaBroker.start(shared.resolve("kafka"));
    broker.createTopic(TOPIC);
  }

  @AfterAll
  static void stop() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void printsEachMatchingLineOnceAndALaterRunOfTheGroupOnlyWhatCameAfter() throws Exception {
    Path conf = tmp.resolve("quiet.properties");
    Files.writeString(conf, "spark.ui.enabled = false\n");
    String[] args = {"--engine", "structured", "--trigger", "realtime", "--source", "kafka",
        "--brokers", broker.bootstrap(), "--topics", TOPIC, "--group-id", "alerts",
        "--starting-offsets", "earliest", "--pipeline", "grep", "--match", "keep",
        "--master", "local[3]", "--realtime-interval", "5s", "--conf", conf.toString()};
    List<String> lines = new ArrayList<>();
    List<String> kept = new ArrayList<>();
    for (int k = 1; k <= 30; k++) {
      lines.add((k % 2 == 0 ? "keep " : "drop ") + k);
      if (k % 2 == 0) {
        kept.add("keep " + k);
      }
    }
    try (Launcher.Run first = Launcher.start(tmp.resolve("driver1"), "run-wordcount", args)) {
      assertTrue(first.awaitOutput("real-time mode: each matching line", WAIT_MS / 1000),
          first.err());
      broker.produceLines(TOPIC, lines);
      Waits.until(WAIT_MS, () -> "every kept line printed: " + first.out(),
          () -> printed(first).size() >= kept.size());
      // A real-time batch ends every --realtime-interval and commits what it read.
      Waits.until(WAIT_MS, () -> "30 offsets committed: " + first.err(),
          () -> broker.committedOrNone("alerts") == 30);
      assertEquals(143, first.terminate(Duration.ofSeconds(60)), first.err());
      assertEquals(sorted(kept), sorted(printed(first)));
    }
    broker.produceLines(TOPIC, List.of("drop 31", "keep 32"));
    try (Launcher.Run second = Launcher.start(tmp.resolve("driver2"), "run-wordcount", args)) {
      Waits.until(WAIT_MS, () -> "the new kept line printed: " + second.out() + second.err(),
          () -> !printed(second).isEmpty());
      Waits.until(WAIT_MS, () -> "32 offsets committed: " + second.err(),
          () -> broker.committedOrNone("alerts") == 32);
      assertEquals(143, second.terminate(Duration.ofSeconds(60)), second.err());
      assertEquals(List.of("keep 32"), printed(second));
    }
  }

  @Test
  void usageErrorsNameWhatRealTimeModeRuns() {
    String rt = "--trigger realtime";
    String[] kafka = {"--source", "kafka", "--brokers", broker.bootstrap(), "--topics", TOPIC};
    assertUsage("--trigger must be batch or realtime (got 'sometimes')", "--trigger", "sometimes");
    assertUsage(rt + " is Structured Streaming's real-time mode; add --engine structured",
        "--trigger", "realtime");
    assertUsage(rt + " runs grep only: Spark 4.2's real-time mode runs stateless queries (no"
        + " aggregation, window or state), and --pipeline count is not one; use --pipeline grep,"
        + " or leave out --trigger", realTime(kafka, "--pipeline", "count"));
    assertUsage(rt + " reads Kafka only (the one source of Spark's real-time mode); use --source"
        + " kafka, or leave out --trigger", "--engine", "structured", "--trigger", "realtime",
        "--pipeline", "grep", "--match", "x");
    assertUsage(rt + " prints each line as it arrives; the files output writes whole"
        + " micro-batches, which real-time mode has none of: leave it out",
        realTime(kafka, "--pipeline", "grep", "--match", "x", "--output",
            tmp.resolve("out").toString()));
    assertUsage("--no-print leaves " + rt + " nothing to write: it prints each matching line",
        realTime(kafka, "--pipeline", "grep", "--match", "x", "--no-print"));
    assertUsage("--print-limit limits the lines shown per batch; " + rt + " prints every line as"
        + " it arrives: leave it out",
        realTime(kafka, "--pipeline", "grep", "--match", "x", "--print-limit", "5"));
    assertUsage("--batch is the micro-batch interval; " + rt + " prints each line as it arrives"
        + " (--realtime-interval sets how often it checkpoints): leave it out",
        realTime(kafka, "--pipeline", "grep", "--match", "x", "--batch", "1s"));
    assertUsage("--realtime-interval must be at least 5s, Spark's shortest real-time batch (got"
        + " 2s)", realTime(kafka, "--pipeline", "grep", "--match", "x", "--realtime-interval",
            "2s"));
    assertUsage("--realtime-interval is the checkpoint interval of --trigger realtime; add it, or"
        + " leave the option out", "--engine", "structured", "--realtime-interval", "10s");
    assertUsage(rt + " prints from Spark's tasks, which share the driver's console on a local"
        + " master only; use --master local[N] (N at least the topics' partitions: real-time mode"
        + " runs one task per partition at once)",
        realTime(kafka, "--pipeline", "grep", "--match", "x", "--master", "spark://h:7077"));
  }

  /**
   * A job real-time mode could run but for its task slots (3 partitions, local[2]): refused
   * once the partitions are known, or at once on a Spark line without real-time mode.
   */
  @Test
  void usageErrorTooFewTaskSlotsOrNoRealTimeModeOnThisSparkLine() {
    String[] args = realTime(new String[] {"--source", "kafka", "--brokers", broker.bootstrap(),
        "--topics", TOPIC}, "--pipeline", "grep", "--match", "x", "--master", "local[2]",
        "--conf", "/dev/null");
    if (SparkLine.running().startsWith("3.")) {
      assertUsage("--trigger realtime needs Spark 4.1 or later; this build runs Spark "
          + SparkLine.running() + ": leave out WORDCOUNT_SPARK", args);
    } else {
      assertUsage("--trigger realtime runs one task per Kafka partition at once: " + TOPIC
          + " has 3 partitions and --master local[2] runs 2 tasks at once; use --master"
          + " local[3]", args);
    }
  }

  private static String[] realTime(String[] source, String... more) {
    List<String> args = new ArrayList<>(List.of("--engine", "structured", "--trigger",
        "realtime"));
    args.addAll(List.of(source));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  /** The lines a driver printed: its stdout, which carries results only. */
  private static List<String> printed(Launcher.Run run) {
    return run.out().lines().filter(l -> !l.isBlank()).toList();
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }
}
