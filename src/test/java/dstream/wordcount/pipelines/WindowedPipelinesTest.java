package dstream.wordcount.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.Options;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.streaming.api.java.JavaDStream;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.apache.spark.streaming.dstream.DStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The windowed and stateful pipelines on the replay source (queueStream), through the production
 * runner, against literal expectations window by window.
 *
 * <p>Why the expectations are exact: replay batch k holds chunk k of the input, and Spark emits a
 * window at every batch time that is a whole number of slides after its zero time, which is one
 * batch before the first batch. Numbering batches 1, 2, ... from the first, the window ending at
 * batch T (T a multiple of slide/batch) holds batches T - window/batch + 1 .. T. The output
 * directories are read in time order, so output i is the window ending at batch
 * (i + 1) * slide/batch. The runner stops once every window holding input was emitted; a graceful
 * stop may emit a few more, which must be the empty result.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
class WindowedPipelinesTest {
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  /** Replays {@code lines}, one chunk per 200 ms batch; returns the output batches by time. */
  private SortedMap<Long, List<String>> replay(List<String> lines, int perBatch, String... extra)
      throws Exception {
    return Replays.run(spark, tmp, lines, perBatch, extra);
  }

  private static Map<String, Long> counts(String... pairs) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], Long.parseLong(pairs[i + 1]));
    }
    return m;
  }

  /** Outputs 0..expected-1 equal {@code expected}; any later output equals {@code after}. */
  private static <T> void assertOutputs(List<T> expected, T after, List<T> actual) {
    assertTrue(actual.size() >= expected.size(),
        "expected at least " + expected.size() + " outputs, got " + actual);
    assertEquals(expected, actual.subList(0, expected.size()));
    for (T late : actual.subList(expected.size(), actual.size())) {
      assertEquals(after, late, "outputs after the input has left: " + actual);
    }
  }

  /** The times between consecutive outputs, all equal to {@code slideMs}. */
  private static void assertSlide(SortedMap<Long, ?> outputs, long slideMs) {
    List<Long> times = new ArrayList<>(outputs.keySet());
    for (int i = 1; i < times.size(); i++) {
      assertEquals(slideMs, times.get(i) - times.get(i - 1), "outputs every slide: " + times);
    }
  }

  private static List<Map<String, Long>> parsed(SortedMap<Long, List<String>> outputs) {
    List<Map<String, Long>> all = new ArrayList<>();
    outputs.values().forEach(lines -> all.add(Counts.parse(lines)));
    return all;
  }

  // Batches 1..6: "a b", "a", (empty), "c", (empty), (empty).
  private static final List<String> LEAVING = List.of("a b", "a", "", "c", "", "");

  @Test
  void windowSlidingEveryBatchDropsWordsThatLeft() throws Exception {
    SortedMap<Long, List<String>> out = replay(LEAVING, 1,
        "--pipeline", "window", "--window", "600ms", "--slide", "200ms");
    assertSlide(out, 200);
    assertOutputs(List.of(
        counts("a", "1", "b", "1"),            // batch 1
        counts("a", "2", "b", "1"),            // 1-2
        counts("a", "2", "b", "1"),            // 1-3: an empty batch changes nothing
        counts("a", "1", "c", "1"),            // 2-4: b left and is gone, not (b,0)
        counts("c", "1"),                      // 3-5
        counts("c", "1"),                      // 4-6
        counts(),                              // 5-7: everything left
        counts()),                             // 6-8
        counts(), parsed(out));
    for (List<String> lines : out.values()) {
      assertTrue(lines.stream().noneMatch(l -> l.endsWith(",0)")), "never a zero count: " + lines);
    }
  }

  @Test
  void windowSlidingEveryTwoBatches() throws Exception {
    SortedMap<Long, List<String>> out = replay(LEAVING, 1,
        "--pipeline", "window", "--window", "600ms", "--slide", "400ms");
    assertSlide(out, 400);
    assertOutputs(List.of(
        counts("a", "2", "b", "1"),            // batches 1-2: the first window ends one slide in
        counts("a", "1", "c", "1"),            // 2-4
        counts("c", "1"),                      // 4-6
        counts()),                             // 6-8
        counts(), parsed(out));
  }

  @Test
  void tumblingWindowCountsEachBatchPairOnce() throws Exception {
    SortedMap<Long, List<String>> out = replay(List.of("a b", "b", "c", "", "a", "a a"), 1,
        "--pipeline", "window", "--window", "400ms", "--slide", "400ms");
    assertSlide(out, 400);
    assertOutputs(List.of(
        counts("a", "1", "b", "2"),            // batches 1-2
        counts("c", "1"),                      // 3-4
        counts("a", "3")),                     // 5-6
        counts(), parsed(out));
  }

  @Test
  void wordsTokenizerAppliesToWindows() throws Exception {
    SortedMap<Long, List<String>> out = replay(List.of("Spark, spark!", "SPARK"), 1,
        "--pipeline", "window", "--window", "400ms", "--slide", "400ms", "--tokenizer", "words");
    assertOutputs(List.of(counts("spark", "3")), counts(), parsed(out));
  }

  @Test
  void countWindowGivesOneNumberPerWindowIncludingZero() throws Exception {
    // Batches 1..7: 0, 2, 1, 0, 1, 0, 0 words.
    SortedMap<Long, List<String>> out = replay(List.of("", "a b", "a", "", "c", "", ""), 1,
        "--pipeline", "count-window", "--window", "600ms", "--slide", "200ms");
    assertSlide(out, 200);
    assertOutputs(List.of(
        List.of("0"),  // batch 1: nothing has arrived yet, still a number
        List.of("2"),  // 1-2
        List.of("3"),  // 1-3
        List.of("3"),  // 2-4
        List.of("2"),  // 3-5
        List.of("1"),  // 4-6
        List.of("1"),  // 5-7
        List.of("0"),  // 6-8: everything left
        List.of("0")), // 7-9
        List.of("0"), new ArrayList<>(out.values()));
  }

  @Test
  void errorsCountsMatchingLinesAndAlertsAboveTheThreshold() throws Exception {
    List<String> log = List.of(
        "ERROR disk full", "INFO ok",
        "ERROR again", "ERROR third",
        "WARN slow", "error in lower case does not match",
        "INFO fine", "INFO fine");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    SortedMap<Long, List<String>> out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      out = replay(log, 2, "--pipeline", "errors", "--window", "600ms", "--slide", "400ms",
          "--alert-above", "1");
    } finally {
      System.setOut(stdout);
    }
    assertSlide(out, 400);
    List<Long> times = new ArrayList<>(out.keySet());
    assertOutputs(List.of(
        List.of("3"),  // batches 1-2
        List.of("2"),  // 2-4
        List.of("0")), // 4-6
        List.of("0"), new ArrayList<>(out.values()));
    String alertLines = captured.toString(StandardCharsets.UTF_8);
    assertEquals(
        "ALERT: 3 lines containing \"ERROR\" in the 600ms window ending " + times.get(0)
            + " ms (above 1)\n"
            + "ALERT: 2 lines containing \"ERROR\" in the 600ms window ending " + times.get(1)
            + " ms (above 1)\n",
        alertLines, "one ALERT per window above the threshold, nothing else with --no-print");
  }

  @Test
  void errorsWithoutAlertCountsOtherMatches() throws Exception {
    SortedMap<Long, List<String>> out = replay(List.of("WARN a", "ERROR b", "WARN c WARN"), 1,
        "--pipeline", "errors", "--match", "WARN", "--window", "400ms", "--slide", "400ms");
    assertOutputs(List.of(List.of("1"), List.of("1")), List.of("0"), new ArrayList<>(out.values()));
  }

  @Test
  void topRanksByCountThenWordInRankOrder() throws Exception {
    // Batches 1..5: "b a c c", "b b d", (empty), "a d", (empty).
    SortedMap<Long, List<String>> out = replay(List.of("b a c c", "b b d", "", "a d", ""), 1,
        "--pipeline", "top", "--top", "2", "--window", "600ms", "--slide", "200ms");
    assertSlide(out, 200);
    assertOutputs(List.of(
        List.of("(c,2)", "(a,1)"),   // a and b tie at 1: a comes first
        List.of("(b,3)", "(c,2)"),   // 1-2
        List.of("(b,3)", "(c,2)"),   // 1-3
        List.of("(b,2)", "(d,2)"),   // 2-4: a is 1, out of the top 2
        List.of("(a,1)", "(d,1)"),   // 3-5
        List.of("(a,1)", "(d,1)"),   // 4-6
        List.of()),                  // 5-7
        List.of(), new ArrayList<>(out.values()));
  }

  @Test
  void topWithFewerWordsThanNShowsThemAll() throws Exception {
    SortedMap<Long, List<String>> out = replay(List.of("x y y"), 1,
        "--pipeline", "top", "--top", "5", "--window", "200ms", "--slide", "200ms");
    assertOutputs(List.of(List.of("(y,2)", "(x,1)")), List.of(), new ArrayList<>(out.values()));
  }

  @Test
  void cumulativeKeepsRunningTotals() throws Exception {
    SortedMap<Long, List<String>> out = replay(List.of("a b", "a", "", "c a"), 1,
        "--pipeline", "cumulative");
    Map<String, Long> last = counts("a", "3", "b", "1", "c", "1");
    assertOutputs(List.of(
        counts("a", "1", "b", "1"),
        counts("a", "2", "b", "1"),
        counts("a", "2", "b", "1"),
        last),
        last, parsed(out));
  }

  @Test
  void stateEmitsOnlyChangedWordsInRankOrder() throws Exception {
    SortedMap<Long, List<String>> out = replay(List.of("a b", "a a c", "", "b"), 1,
        "--pipeline", "state");
    assertOutputs(List.of(
        List.of("(a,1)", "(b,1)"),
        List.of("(a,3)", "(c,1)"),
        List.of(),
        List.of("(b,2)")),
        List.of(), new ArrayList<>(out.values()));
  }

  @Test
  void stateEvictsIdleWordsAndSaysSo() throws Exception {
    // Spark looks for idle words in checkpoint batches only; checkpointing every batch makes the
    // eviction batch exact: the first batch more than 400 ms after the word was last seen.
    SortedMap<Long, List<String>> out = replay(List.of("a b", "a", "", "a"), 1,
        "--pipeline", "state", "--idle-timeout", "400ms", "--checkpoint-interval", "200ms");
    assertOutputs(List.of(
        List.of("(a,1)", "(b,1)"),                                // batch 1
        List.of("(a,2)"),                                         // 2
        List.of(),                                                // 3: b idle for 400 ms only
        List.of("(a,3)", "(b,1) evicted after idle 400ms"),       // 4
        List.of(),
        List.of(),
        List.of("(a,3) evicted after idle 400ms")),               // 7
        List.of(), new ArrayList<>(out.values()));
  }

  @Test
  void stateEvictionWaitsForTheNextCheckpointBatch() throws Exception {
    // The default interval checkpoints every 5 batches (batches 5, 10, ...): b, idle from batch
    // 4 on, goes at 5; a, last seen at 4, is not idle enough at 5 and goes at 10.
    SortedMap<Long, List<String>> out = replay(List.of("a b", "a", "", "a"), 1,
        "--pipeline", "state", "--idle-timeout", "400ms");
    List<List<String>> expected = new ArrayList<>(List.of(
        List.of("(a,1)", "(b,1)"), List.of("(a,2)"), List.of(), List.of("(a,3)"),
        List.of("(b,1) evicted after idle 400ms"),
        List.of(), List.of(), List.of(), List.of(),
        List.of("(a,3) evicted after idle 400ms")));
    assertOutputs(expected, List.of(), new ArrayList<>(out.values()));
  }

  /** The interval set on the stream that holds the state, found below the pipeline's output. */
  private static long stateCheckpointMs(String... args) throws Exception {
    Options o = Job.parse(args, null).options();
    JavaStreamingContext ssc = spark.create(o);
    try {
      JavaDStream<String> lines = ssc.queueStream(new java.util.LinkedList<JavaRDD<String>>());
      PipelineOutput out = Pipelines.REGISTRY.byName(o.pipeline()).build(lines, o);
      DStream<?> d = out.isCounts() ? out.counts().dstream() : out.lines().dstream();
      while (d != null) {
        String kind = d.getClass().getSimpleName();
        if (kind.equals("ReducedWindowedDStream") || kind.equals("StateDStream")
            || kind.equals("InternalMapWithStateDStream")) {
          return d.checkpointDuration().milliseconds();
        }
        d = d.dependencies().isEmpty() ? null : d.dependencies().head();
      }
      throw new AssertionError("no state stream in the graph of " + o.pipeline());
    } finally {
      ssc.stop(false);
    }
  }

  @Test
  void stateIsCheckpointedEveryFiveSlidesOrBatchesUnlessTold() throws Exception {
    assertEquals(10_000, stateCheckpointMs("--pipeline", "window", "--window", "4s", "--slide", "2s"));
    assertEquals(10_000, stateCheckpointMs("--pipeline", "top", "--window", "4s", "--slide", "2s"));
    assertEquals(10_000, stateCheckpointMs("--pipeline", "count-window", "--window", "4s", "--slide", "2s"),
        "set below countByWindow's maps too");
    assertEquals(50_000, stateCheckpointMs("--pipeline", "errors"));
    assertEquals(2_500, stateCheckpointMs("--pipeline", "cumulative", "--batch", "500ms"));
    assertEquals(5_000, stateCheckpointMs("--pipeline", "state"));
    assertEquals(4_000, stateCheckpointMs("--pipeline", "count-window", "--window", "4s", "--slide", "2s",
        "--checkpoint-interval", "4s"));
    assertEquals(3_000, stateCheckpointMs("--pipeline", "state", "--checkpoint-interval", "3s"));
  }

  @Test
  void stateWordSeenAgainBeforeTheTimeoutStays() throws Exception {
    SortedMap<Long, List<String>> out = replay(List.of("a", "", "a", "", "a"), 1,
        "--pipeline", "state", "--idle-timeout", "400ms", "--checkpoint-interval", "200ms");
    assertOutputs(List.of(
        List.of("(a,1)"), List.of(), List.of("(a,2)"), List.of(), List.of("(a,3)"),
        List.of(), List.of(), List.of("(a,3) evicted after idle 400ms")),
        List.of(), new ArrayList<>(out.values()));
  }
}
