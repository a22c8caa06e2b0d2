package dstream.wordcount.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerEvent;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The proof of the second engine: every pipeline both engines run, on the same replay input, each
 * through its production runner with {@code --output}, writes the same records for batch k on
 * both, for every input batch. Results that have an order (lines, state updates, a stats line)
 * must be identical line for line; word counts and totals are sets (their order in the part files
 * is the hash partitioning's, which differs between the engines), so they compare as sorted lines.
 * A windowed pipeline writes window k, the k-th slide, the same on both. Both engines run on one
 * SparkContext.
 */
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class EnginesEqualityTest {
  private static final int PER_BATCH = 5;
  /** Six batches of text with Unicode, punctuation, case, blank lines and repeated words. */
  private static final List<String> TEXT = List.of(
      "spark streaming dstream", "spark spark streaming", "big data spark", "", "the quick fox",
      "Ünïcödé naïve café", "café café CAFÉ", "  spaced   out\twords  ", "a an the of", "ERROR disk full",
      "Spark, Streaming! (DStream)", "the the the", "big big data", "x y z", "over the lazy dog",
      "WARN retry in 2s", "spark-submit --master local[2]", "k8s 2024 v3.5.1", "", "ERROR again",
      "streaming spark", "data data data data", "one two three", "über straße", "end of the data",
      "last batch spark", "only four lines", "big data", "fin");
  private static final List<String> JSON = List.of(
      "{\"message\":\"spark streaming dstream\",\"level\":\"INFO\"}", "not json at all",
      "{\"message\":\"big data spark\"}", "{\"other\":\"no message field\"}",
      "{\"message\":\"spark spark\"}", "{\"message\":\"café café\"}", "[1,2,3]",
      "{\"message\":\"the end\"}", "{\"message\":\"streaming\"}", "{\"message\":\"\"}",
      "{\"message\":\"data data\"}");

  /** Spark's WindowOperationsSuite input, a batch per line: a, a b, a b c, a b, a, empty, twice. */
  private static final List<String> SPARK_SUITE =
      List.of("a", "a b", "a b c", "a b", "a", "", "a", "a b", "a b c", "a b", "a", "");
  private static SharedSpark spark;
  private static Path stopWords;

  @TempDir Path tmp;

  @BeforeAll
  static void startSpark() throws Exception {
    spark = new SharedSpark("EnginesEqualityTest");
    stopWords = Files.createTempFile("stopwords", ".txt");
    Files.write(stopWords, List.of("the", "a", "an", "of"), StandardCharsets.UTF_8);
  }

  @AfterAll
  static void stopSpark() throws Exception {
    spark.close();
    Files.deleteIfExists(stopWords);
  }

  static Stream<Arguments> pipelines() {
    String stop = stopWords.toString();
    return Stream.of(
        Arguments.of("count", false, TEXT, List.of("--pipeline", "count")),
        Arguments.of("count, words tokenizer, stop words", false, TEXT,
            List.of("--pipeline", "count", "--tokenizer", "words", "--stopwords", stop)),
        Arguments.of("filter", false, TEXT, List.of("--pipeline", "filter", "--min-length", "4")),
        Arguments.of("filter, words tokenizer", false, TEXT,
            List.of("--pipeline", "filter", "--tokenizer", "words", "--min-length", "3")),
        Arguments.of("grep", true, TEXT, List.of("--pipeline", "grep", "--match", "spark")),
        Arguments.of("stats", true, TEXT, List.of("--pipeline", "stats")),
        Arguments.of("stats, words tokenizer, stop words", true, TEXT,
            List.of("--pipeline", "stats", "--tokenizer", "words", "--stopwords", stop)),
        Arguments.of("cumulative", false, TEXT, List.of("--pipeline", "cumulative")),
        Arguments.of("cumulative, words tokenizer, stop words", false, TEXT,
            List.of("--pipeline", "cumulative", "--tokenizer", "words", "--stopwords", stop)),
        Arguments.of("state", true, TEXT, List.of("--pipeline", "state")),
        Arguments.of("state, words tokenizer, stop words", true, TEXT,
            List.of("--pipeline", "state", "--tokenizer", "words", "--stopwords", stop)),
        Arguments.of("sql over words", true, TEXT, List.of("--pipeline", "sql", "--query",
            "SELECT word, COUNT(*) AS n FROM words GROUP BY word ORDER BY n DESC, word LIMIT 5")),
        Arguments.of("sql over lines, words tokenizer, stop words", true, TEXT,
            List.of("--pipeline", "sql", "--tokenizer", "words", "--stopwords", stop, "--query",
                "SELECT (SELECT COUNT(*) FROM lines) AS lines, COUNT(*) AS words FROM words")),
        Arguments.of("count, json", false, JSON,
            List.of("--pipeline", "count", "--format", "json", "--json-field", "message")),
        Arguments.of("grep, json", true, JSON,
            List.of("--pipeline", "grep", "--match", "a", "--format", "json", "--json-field",
                "message")));
  }

  /** The windowed pipelines: 200 ms batches, windows and slides of 1 to 3 batches. */
  static Stream<Arguments> windowed() {
    String stop = stopWords.toString();
    return Stream.of(
        Arguments.of("Spark's suite: window, 2 batches every 1", false, SPARK_SUITE, 1,
            List.of("--pipeline", "window", "--window", "400ms", "--slide", "200ms")),
        Arguments.of("Spark's suite: window, 4 batches every 2", false, SPARK_SUITE, 1,
            List.of("--pipeline", "window", "--window", "800ms", "--slide", "400ms")),
        Arguments.of("window, 3 batches every 2", false, TEXT, PER_BATCH,
            List.of("--pipeline", "window", "--window", "600ms", "--slide", "400ms")),
        Arguments.of("window, json, 2 batches every 2", false, JSON, PER_BATCH,
            List.of("--pipeline", "window", "--window", "400ms", "--slide", "400ms",
                "--format", "json", "--json-field", "message")),
        Arguments.of("top 3, 3 batches every 1", true, TEXT, PER_BATCH,
            List.of("--pipeline", "top", "--top", "3", "--window", "600ms", "--slide", "200ms")),
        Arguments.of("count-window, stop words, 3 batches every 2", true, TEXT, PER_BATCH,
            List.of("--pipeline", "count-window", "--window", "600ms", "--slide", "400ms",
                "--stopwords", stop)),
        Arguments.of("sql --window over lines and words, stop words, 2 batches every 1", true,
            TEXT, PER_BATCH,
            List.of("--pipeline", "sql", "--window", "400ms", "--slide", "200ms", "--stopwords",
                stop, "--query",
                "SELECT (SELECT COUNT(*) FROM lines) AS lines, COUNT(*) AS words FROM words")),
        Arguments.of("stats --window, words tokenizer, stop words, 3 batches every 2", true,
            TEXT, PER_BATCH,
            List.of("--pipeline", "stats", "--window", "600ms", "--slide", "400ms",
                "--tokenizer", "words", "--stopwords", stop)),
        Arguments.of("errors, 2 batches every 1", true, TEXT, PER_BATCH,
            List.of("--pipeline", "errors", "--match", "ERROR", "--window", "400ms", "--slide",
                "200ms", "--alert-above", "0")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("windowed")
  void bothEnginesWriteTheSameWindows(String name, boolean ordered, List<String> input,
      int perBatch, List<String> args) throws Exception {
    List<List<String>> dstream = batches(false, input, perBatch, args);
    List<List<String>> structured = batches(true, input, perBatch, args);
    String both = "\ndstream: " + dstream + "\nstructured: " + structured;
    // The windows ending at each slide from the first one up to the last holding input.
    long batches = (input.size() + perBatch - 1) / perBatch;
    long window = millis(args, "--window") / 200;
    long slide = millis(args, "--slide") / 200;
    int holdingInput = (int) ((batches - 1 + window) / slide);
    // The DStream engine may run a few more batches while it stops: windows after the input.
    assertTrue(dstream.size() >= holdingInput, name + both);
    // The last windows may hold only empty lines: no word, so no row to write on the structured
    // engine (the DStream engine writes them empty).
    while (holdingInput > 0 && dstream.get(holdingInput - 1).isEmpty()) {
      holdingInput--;
    }
    assertEquals(holdingInput, structured.size(), name + ": windows holding input" + both);
    for (List<String> after : dstream.subList(holdingInput, dstream.size())) {
      assertTrue(after.stream().allMatch(l -> l.matches("[0,]+") || l.startsWith("lines=0 ")),
          "after the input, nothing or zeros: " + name + both);
    }
    boolean anything = false;
    for (int k = 0; k < holdingInput; k++) {
      anything |= !dstream.get(k).isEmpty();
      if (ordered) {
        assertEquals(dstream.get(k), structured.get(k), name + ": window " + k);
      } else {
        assertEquals(sorted(dstream.get(k)), sorted(structured.get(k)), name + ": window " + k);
      }
    }
    assertTrue(anything, name + ": the input gives some result");
  }

  /**
   * An anchor beside the equality: on the replay, window k of the structured engine is named by
   * its end in the replay's logical time (batch k at k * 200 ms), holds exactly its batches'
   * words, and the last windows drain after the input.
   */
  @Test
  void structuredWindowsAreNamedByTheirEndsAndExact() throws Exception {
    Map<Long, List<String>> windows = Replays.run(true, spark, tmp,
        List.of("a b", "a", "c", "a"), 1, "--pipeline", "window", "--window", "400ms",
        "--slide", "200ms");
    assertEquals(List.of(200L, 400L, 600L, 800L, 1000L), new ArrayList<>(windows.keySet()));
    assertEquals(List.of(counts("a", 1, "b", 1), counts("a", 2, "b", 1), counts("a", 1, "c", 1),
        counts("a", 1, "c", 1), counts("a", 1)),
        windows.values().stream().map(Counts::parse).toList());
  }

  /**
   * A long windowed run keeps its state as large as the windows open at once: every batch brings
   * two new words, which an unbounded state would keep (2 words x 2 windows x 16 batches = 64
   * rows), while the watermark drops each window once it is written.
   */
  @Test
  void aLongWindowedRunKeepsItsStateFlat() throws Exception {
    List<String> input = new ArrayList<>();
    for (int k = 0; k < 16; k++) {
      input.add("u" + k + " v" + k);
    }
    List<Long> stateRows = new ArrayList<>();
    SparkListener progress = new SparkListener() {
      @Override
      public void onOtherEvent(SparkListenerEvent event) {
        if (event instanceof StreamingQueryListener.QueryProgressEvent p
            && p.progress().stateOperators().length > 0) {
          synchronized (stateRows) {
            stateRows.add(p.progress().stateOperators()[0].numRowsTotal());
          }
        }
      }
    };
    spark.sparkContext().sc().addSparkListener(progress);
    Map<Long, List<String>> windows;
    try {
      windows = Replays.run(true, spark, tmp, input, 1, "--pipeline", "window", "--window",
          "400ms", "--slide", "200ms");
    } finally {
      spark.sparkContext().sc().removeSparkListener(progress);
    }
    assertEquals(17, windows.size(), "a window ending at each batch and one after the last");
    assertEquals(counts("u14", 1, "v14", 1, "u15", 1, "v15", 1),
        Counts.parse(windows.get(3_200L)));
    assertEquals(counts("u15", 1, "v15", 1), Counts.parse(windows.get(3_400L)));
    synchronized (stateRows) {
      assertTrue(stateRows.size() >= 12, "progress of most batches: " + stateRows);
      // After batch m: the windows ending at m (batches m-2, m-1: 4 rows), m+1 (m-1, m: 4) and
      // m+2 (m: 2), the one ending at m-1 dropped by the watermark of batch m-1's time.
      assertTrue(stateRows.stream().allMatch(n -> n <= 10), "state rows per batch: " + stateRows);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pipelines")
  void bothEnginesWriteTheSameBatches(String name, boolean ordered, List<String> input,
      List<String> args) throws Exception {
    int inputBatches = (input.size() + PER_BATCH - 1) / PER_BATCH;
    List<List<String>> dstream = batches(false, input, args);
    List<List<String>> structured = batches(true, input, args);
    assertEquals(inputBatches, structured.size(),
        "structured: one micro-batch per input batch: " + structured);
    assertTrue(dstream.size() >= inputBatches, "dstream: every input batch: " + dstream);
    boolean anything = false;
    for (int k = 0; k < inputBatches; k++) {
      List<String> d = dstream.get(k);
      List<String> s = structured.get(k);
      anything |= !d.isEmpty();
      if (ordered) {
        assertEquals(d, s, name + ": batch " + k);
      } else {
        assertEquals(sorted(d), sorted(s), name + ": batch " + k);
      }
    }
    assertTrue(anything, name + ": the input gives some result");
  }

  /** An anchor beside the equality: the structured engine's own result, literally. */
  @Test
  void structuredCountsAreExact() throws Exception {
    List<List<String>> structured = batches(true,
        List.of("spark streaming dstream", "spark spark streaming", "big data spark", ""),
        List.of("--pipeline", "cumulative"));
    assertEquals(1, structured.size());
    assertEquals(counts("big", 1, "data", 1, "dstream", 1, "spark", 4, "streaming", 2),
        Counts.parse(structured.get(0)));
  }

  @Test
  void stateReportsOnlyTheChangedWords() throws Exception {
    List<List<String>> structured = batches(true,
        List.of("a b", "a", "c", "a", "b b", "x"), 2, List.of("--pipeline", "state"));
    assertEquals(List.of(List.of("(a,2)", "(b,1)"), List.of("(a,3)", "(c,1)"),
        List.of("(b,3)", "(x,1)")), structured);
  }

  private List<List<String>> batches(boolean structured, List<String> input, List<String> args)
      throws Exception {
    return batches(structured, input, PER_BATCH, args);
  }

  private List<List<String>> batches(boolean structured, List<String> input, int perBatch,
      List<String> args) throws Exception {
    return new ArrayList<>(Replays.run(structured, spark, tmp, input, perBatch,
        args.toArray(new String[0])).values());
  }

  /** The duration after {@code option} in {@code args}, given in ms. */
  private static long millis(List<String> args, String option) {
    String v = args.get(args.indexOf(option) + 1);
    return Long.parseLong(v.substring(0, v.length() - "ms".length()));
  }

  private static List<String> sorted(List<String> lines) {
    List<String> s = new ArrayList<>(lines);
    s.sort(null);
    return s;
  }

  private static Map<String, Long> counts(Object... pairs) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], ((Integer) pairs[i + 1]).longValue());
    }
    return m;
  }
}
