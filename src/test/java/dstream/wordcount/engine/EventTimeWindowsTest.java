package dstream.wordcount.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.BackgroundJob;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.KafkaBroker;
import dstream.wordcount.testing.LogCapture;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import dstream.wordcount.testing.Waits;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event-time windows on the structured engine ({@code --event-time}), through its production
 * runner: records out of order and some later than the watermark, their times from a JSON field
 * (replayed) and from Kafka record timestamps (a real broker). The windows are exact: 10 s
 * tumbling windows aligned to the epoch, named by their ends; a record behind the watermark
 * whose window is already written is dropped, and the batch lines count it.
 *
 * <p>Spark drops a row as late against the watermark of the batch before (its late-events
 * watermark); the window is written by the batch after the watermark passed its end. So a late
 * record comes two data batches after the one that moved the watermark, in both cases here.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class EventTimeWindowsTest {
  private static final String BATCHES = "dstream.wordcount.batches";
  private static final Pattern LATE = Pattern.compile(", (\\d+) late rows dropped");
  private static final List<String> WINDOWS = List.of("--window", "10s", "--slide", "10s",
      "--watermark", "5s");

  @TempDir static Path shared;
  private static SharedSpark spark;
  private static KafkaBroker broker;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    spark = new SharedSpark("EventTimeWindowsTest");
    broker = KafkaBroker.start(shared.resolve("kafka"));
  }

  @AfterAll
  static void stop() {
    try {
      if (broker != null) {
        broker.close();
      }
    } finally {
      if (spark != null) {
        spark.close();
      }
    }
  }

  /** Two records per batch; the watermark is the latest time seen minus 5 s. */
  private static final List<String> JSON = List.of(
      "{\"ts\":\"1970-01-01T00:00:01Z\",\"message\":\"a b\"}",
      "{\"ts\":\"1970-01-01T00:00:12Z\",\"message\":\"a\"}",      // watermark 7 s
      "{\"ts\":3000,\"message\":\"c\"}",                          // out of order, not late
      "{\"ts\":\"18000\",\"message\":\"d\"}",                     // watermark 13 s: [0, 10) ends
      "{\"ts\":\"1970-01-01T00:00:19.000+00:00\",\"message\":\"f\"}",
      "{\"message\":\"no time\"}",                                // skipped and counted
      "{\"ts\":\"1970-01-01T00:00:05Z\",\"message\":\"late\"}",  // [0, 10) is written: dropped
      "{\"ts\":\"1970-01-01T00:00:21Z\",\"message\":\"e\"}");

  @Test
  void jsonFieldTimesGiveExactEventTimeWindowsAndLateRecordsAreDroppedAndCounted()
      throws Exception {
    SortedMap<Long, List<String>> windows;
    String said;
    try (LogCapture log = LogCapture.of(BATCHES)) {
      windows = Replays.run(true, spark, tmp, JSON, 2, args("--pipeline", "window"));
      said = log.text();
    }
    Map<Long, Map<String, Long>> counts = new TreeMap<>();
    windows.forEach((end, lines) -> counts.put(end, Counts.parse(lines)));
    assertEquals(Map.of(
        10_000L, Map.of("a", 1L, "b", 1L, "c", 1L),
        20_000L, Map.of("a", 1L, "d", 1L, "f", 1L),
        30_000L, Map.of("e", 1L)), counts, said);
    assertEquals(1, late(said), "the late record, one word: " + said);
    assertTrue(said.contains(", 1 skipped (not a JSON string or an object with a string at"
        + " message and a time (ISO-8601 or epoch ms) at ts)"), said);
  }

  @Test
  void countWindowCountsTheSameWindowsWords() throws Exception {
    SortedMap<Long, List<String>> windows =
        Replays.run(true, spark, tmp, JSON, 2, args("--pipeline", "count-window"));
    assertEquals(Map.of(10_000L, List.of("3"), 20_000L, List.of("3"), 30_000L, List.of("1")),
        windows);
  }

  /**
   * Each window's stats line ends with the late rows the run had dropped when it was written: none
   * before [0, 10) was written, the late record once it was dropped (before [10, 20) closed).
   */
  @Test
  void statsSaysHowManyLateRowsWereDroppedBeforeEachWindow() throws Exception {
    SortedMap<Long, List<String>> windows =
        Replays.run(true, spark, tmp, JSON, 2, args("--pipeline", "stats"));
    Map<Long, String> figures = new TreeMap<>();
    windows.forEach((end, lines) -> figures.put(end, lines.size() + " line: "
        + lines.get(0).replaceAll(" words=.* late_rows=", " late_rows=")));
    assertEquals(Map.of(
        10_000L, "1 line: lines=2 late_rows=0",
        20_000L, "1 line: lines=3 late_rows=1",
        30_000L, "1 line: lines=1 late_rows=1"), figures);
  }

  @Test
  void kafkaRecordTimestampsGiveExactEventTimeWindows() throws Exception {
    broker.createTopic("timed");
    Path out = tmp.resolve("out/result");
    // Whole minutes ago, so the windows' ends are known and the records inside Kafka's retention.
    long base = (System.currentTimeMillis() / 60_000 - 10) * 60_000;
    try (LogCapture log = LogCapture.of(BATCHES);
        KafkaProducer<String, String> producer = producer();
        BackgroundJob job = BackgroundJob.start(List.of("--engine", "structured",
            "--source", "kafka", "--brokers", broker.bootstrap(), "--topics", "timed",
            "--group-id", "timed", "--starting-offsets", "earliest", "--batch", "500ms",
            "--pipeline", "window", "--window", "10s", "--slide", "10s", "--watermark", "5s",
            "--event-time", "record", "--output", out.toString(), "--no-print",
            "--duration", "200s"), spark)) {
      int[] sent = {0};
      String[][] phases = {
          {"1000", "a b", "12000", "a"},
          {"3000", "c", "18000", "d"},
          {"19000", "f"},
          {"5000", "late", "21000", "e"},
          {"100000", "z"}};
      for (String[] phase : phases) {
        for (int i = 0; i < phase.length; i += 2) {
          producer.send(new ProducerRecord<>("timed", null, base + Long.parseLong(phase[i]),
              null, phase[i + 1])).get(30, TimeUnit.SECONDS);
          sent[0]++;
        }
        // Each phase in micro-batches of its own: the late record comes two data batches after
        // the one that moved the watermark past its window.
        Waits.until(60_000, () -> sent[0] + " records read: " + log.text(),
            () -> records(log.text()) >= sent[0]);
      }
      Map<Long, Map<String, Long>> expected = Map.of(
          base + 10_000, Map.of("a", 1L, "b", 1L, "c", 1L),
          base + 20_000, Map.of("a", 1L, "d", 1L, "f", 1L),
          base + 30_000, Map.of("e", 1L));
      // A window's file may be seen before its lines are in it: wait for them, then compare.
      Waits.until(60_000, () -> "the windows " + expected + ", saw " + windows(out),
          () -> windows(out).equals(expected));
      assertEquals(expected, windows(out), log.text());
      assertEquals(1, late(log.text()), log.text());
    }
  }

  private static Map<Long, Map<String, Long>> windows(Path out) {
    Map<Long, Map<String, Long>> counts = new TreeMap<>();
    OutputFiles.read(out).forEach((end, lines) -> counts.put(end, Counts.parse(lines)));
    return counts;
  }

  private static String[] args(String... more) {
    List<String> all = new java.util.ArrayList<>(List.of(more));
    all.addAll(WINDOWS);
    all.addAll(List.of("--format", "json", "--json-field", "message", "--event-time", "json:ts"));
    return all.toArray(new String[0]);
  }

  private static KafkaProducer<String, String> producer() {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap());
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    return new KafkaProducer<>(p);
  }

  /** The late rows the batch lines counted, in all. */
  private static long late(String said) {
    long n = 0;
    Matcher m = LATE.matcher(said);
    while (m.find()) {
      n += Long.parseLong(m.group(1));
    }
    return n;
  }

  private static long records(String said) {
    long n = 0;
    Matcher m = Pattern.compile(": (\\d+) records").matcher(said);
    while (m.find()) {
      n += Long.parseLong(m.group(1));
    }
    return n;
  }
}
