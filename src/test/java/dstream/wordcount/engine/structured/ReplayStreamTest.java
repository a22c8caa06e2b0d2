package dstream.wordcount.engine.structured;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.run.Job;
import dstream.wordcount.sources.ReplaySource;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.Waits;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structured engine's replay source on a real local[2] session: micro-batch k holds exactly
 * lines {@code k*N .. k*N+N-1}, in order; a query restarted from its checkpoint resumes at the first
 * line not yet processed; CR, CRLF and invalid UTF-8 give the DStream replay's lines; an empty
 * file is no batch at all. Every wait is bounded.
 */
class ReplayStreamTest {
  private static final long WAIT_MS = 60_000;
  /** Five triggers: long enough for a batch that should not come to show up. */
  private static final long QUIET_MS = 1_000;

  private static SparkSession spark;
  @TempDir Path tmp;

  @BeforeAll
  static void startSpark() {
    spark = SparkSession.builder()
        .master("local[2]")
        .appName("ReplayStreamTest")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll
  static void stopSpark() {
    if (spark != null) {
      spark.stop();
    }
  }

  /**
   * Each micro-batch's lines by batch id, collected on the driver; from batch {@code failFrom} on
   * it fails the batch instead, so that batch is never committed by this query.
   */
  static final class CollectBatches implements VoidFunction2<Dataset<String>, Long> {
    private static final long serialVersionUID = 1L;
    private final Map<Long, List<String>> batches = new ConcurrentSkipListMap<>();
    private final long failFrom;

    CollectBatches(long failFrom) {
      this.failFrom = failFrom;
    }

    CollectBatches() {
      this(Long.MAX_VALUE);
    }

    @Override
    public void call(Dataset<String> batch, Long batchId) {
      if (batchId >= failFrom) {
        throw new IllegalStateException("batch " + batchId + " belongs to the restarted query");
      }
      batches.put(batchId, new ArrayList<>(batch.collectAsList()));
    }

    Map<Long, List<String>> batches() {
      return new TreeMap<>(batches);
    }
  }

  private static Job job(Path input, int perBatch) throws UsageException {
    return Job.parse("--source", "replay", "--input", input.toString(),
        "--lines-per-batch", Integer.toString(perBatch));
  }

  private static StreamInput open(Path input, int perBatch) throws Exception {
    Job job = job(input, perBatch);
    return new ReplayStream().open(job.settings(ReplaySource.class), job.options(), new RunState(),
        spark);
  }

  private static StreamingQuery start(StreamInput input, Trigger trigger, Path checkpoint,
      CollectBatches sink) throws Exception {
    return input.records().writeStream()
        .trigger(trigger)
        .option("checkpointLocation", checkpoint.toString())
        .foreachBatch(sink)
        .start();
  }

  private static Trigger every200ms() {
    return Trigger.ProcessingTime(200, TimeUnit.MILLISECONDS);
  }

  /** Waits for {@code done}, failing at once if the query failed. */
  private static void await(StreamingQuery q, CollectBatches sink, String what,
      Predicate<Map<Long, List<String>>> done) throws InterruptedException {
    Waits.until(WAIT_MS, () -> what + "; batches so far: " + sink.batches(), () -> {
      if (q.exception().isDefined()) {
        throw new AssertionError("the query failed", q.exception().get());
      }
      return done.test(sink.batches());
    });
  }

  private static List<String> numbered(int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("l" + i);
    }
    return lines;
  }

  @Test
  void microBatchKHoldsLinesKNToKNPlusNMinus1() throws Exception {
    Path input = tmp.resolve("ten.txt");
    Files.write(input, numbered(10), StandardCharsets.UTF_8);
    StreamInput in = open(input, 3);
    assertEquals("replaying " + input + " in 4 batch(es)", in.banner());
    assertEquals(4, in.finiteBatches());
    assertNull(in.afterBatch());
    assertTrue(in.records().isStreaming());

    CollectBatches sink = new CollectBatches();
    StreamingQuery q = start(in, every200ms(), tmp.resolve("checkpoint"), sink);
    try {
      await(q, sink, "micro-batch 3", b -> b.containsKey(3L));
      Thread.sleep(QUIET_MS);
      assertEquals(Map.of(
          0L, List.of("l0", "l1", "l2"),
          1L, List.of("l3", "l4", "l5"),
          2L, List.of("l6", "l7", "l8"),
          3L, List.of("l9")), sink.batches());
      assertTrue(q.exception().isEmpty());
    } finally {
      q.stop();
    }
  }

  @Test
  void aRestartedQueryResumesAtTheFirstLineNotProcessed() throws Exception {
    Path input = tmp.resolve("nine.txt");
    Files.write(input, numbered(9), StandardCharsets.UTF_8);
    Path checkpoint = tmp.resolve("checkpoint");

    // Stopped once batch 1 is committed. Should its next trigger come first, batch 2 fails
    // instead of being committed here: it is the restarted query's either way.
    CollectBatches first = new CollectBatches(2);
    StreamingQuery q1 = start(open(input, 3), every200ms(), checkpoint, first);
    try {
      Waits.until(WAIT_MS, () -> "batch 1 committed; batches so far: " + first.batches(),
          () -> Files.exists(checkpoint.resolve("commits/1")));
    } finally {
      q1.stop();
    }
    assertEquals(Map.of(0L, List.of("l0", "l1", "l2"), 1L, List.of("l3", "l4", "l5")),
        first.batches());

    CollectBatches second = new CollectBatches();
    StreamingQuery q2 = start(open(input, 3), every200ms(), checkpoint, second);
    try {
      await(q2, second, "micro-batch 2 after the restart", b -> b.containsKey(2L));
      Thread.sleep(QUIET_MS);
      assertEquals(Map.of(2L, List.of("l6", "l7", "l8")), second.batches());
    } finally {
      q2.stop();
    }
  }

  @Test
  void crCrlfAndInvalidUtf8GiveTheDStreamReplaysLines() throws Exception {
    byte[] content = {'a', '\r', 'b', '\r', '\n', '\r', '\n', 'c', '\n', (byte) 0xff, 'x', '\r',
        (byte) 0xe2, (byte) 0x82, '\n', 'e', (byte) 0xc3, '\r', '\r', 'z', (byte) 0xf0, (byte) 0x9f};
    Path input = tmp.resolve("mixed.txt");
    Files.write(input, content);
    List<String> lines = Replays.dstreamLines(input);
    assertEquals(List.of("a", "b", "", "c", "\ufffdx", "\ufffd", "e\ufffd", "", "z\ufffd"), lines);

    StreamInput in = open(input, 2);
    assertEquals(5, in.finiteBatches());
    CollectBatches sink = new CollectBatches();
    runAvailableNow(in, sink);
    Map<Long, List<String>> expected = new TreeMap<>();
    for (int k = 0; k * 2 < lines.size(); k++) {
      expected.put((long) k, lines.subList(k * 2, Math.min(lines.size(), k * 2 + 2)));
    }
    assertEquals(expected, sink.batches());
  }

  /** Runs {@code in} into {@code sink} with AvailableNow: its N-line batches, then the end. */
  private void runAvailableNow(StreamInput in, CollectBatches sink) throws Exception {
    StreamingQuery q = start(in, Trigger.AvailableNow(), tmp.resolve("checkpoint"), sink);
    try {
      assertTrue(q.awaitTermination(WAIT_MS), "the AvailableNow query did not end");
    } finally {
      q.stop();
    }
  }

  @Test
  void anEmptyFileIsNoBatch() throws Exception {
    Path input = tmp.resolve("empty.txt");
    Files.write(input, new byte[0]);
    StreamInput in = open(input, 3);
    assertEquals("replaying " + input + " in 0 batch(es)", in.banner());
    assertEquals(0, in.finiteBatches());
    CollectBatches sink = new CollectBatches();
    runAvailableNow(in, sink);
    assertEquals(Map.of(), sink.batches());
  }

  @Test
  void openRefusesWhatTheDeclarationRefusesAndIsRecoverable() throws Exception {
    ReplayStream source = new ReplayStream();
    assertNull(source.notRecoverable());
    Job noInput = Job.parse("--source", "replay");
    UsageException e = assertThrows(UsageException.class, () -> source.open(
        noInput.settings(ReplaySource.class), noInput.options(), new RunState(), spark));
    assertEquals("--source replay needs --input FILE: the file to replay", e.getMessage());
    Job missing = job(tmp.resolve("missing.txt"), 3);
    e = assertThrows(UsageException.class, () -> source.open(
        missing.settings(ReplaySource.class), missing.options(), new RunState(), spark));
    assertEquals("--input " + tmp.resolve("missing.txt") + ": no such file", e.getMessage());
  }

  @Test
  void offsetsAreLineNumbersAndEachTriggerAdmitsTheNextNLines() throws Exception {
    Path input = tmp.resolve("ten.txt");
    Files.write(input, numbered(10), StandardCharsets.UTF_8); // "lK\n": 3 bytes a line
    ReplayMicroBatchStream stream = new ReplayMicroBatchStream(input, 3, null);
    assertEquals("0", stream.initialOffset().json());
    List<String> ends = new ArrayList<>();
    for (Offset at = stream.initialOffset(); at != null; at = stream.latestOffset(at, null)) {
      ends.add(at.json());
    }
    assertEquals(List.of("0", "3", "6", "9", "10"), ends);
    assertNull(stream.latestOffset(new LineOffset(12), null), "a checkpoint of a longer file");
    assertEquals("10", stream.reportLatestOffset().json());
    assertEquals(new LineOffset(6), stream.deserializeOffset(" 6 "));
    assertThrows(IllegalArgumentException.class, () -> stream.deserializeOffset("{}"));

    assertArrayEquals(new InputPartition[] {new ReplayPartition(input.toString(), 9, 0, 3, -1)},
        stream.planInputPartitions(new LineOffset(3), new LineOffset(6)));
    // A start between indexed lines (a checkpoint written with another N): seek, then skip.
    assertArrayEquals(new InputPartition[] {new ReplayPartition(input.toString(), 9, 1, 4, -1)},
        stream.planInputPartitions(new LineOffset(4), new LineOffset(8)));
    assertArrayEquals(new InputPartition[0],
        stream.planInputPartitions(new LineOffset(10), new LineOffset(10)));
  }

  /**
   * For a windowed query: batch k's rows at k * batchMs (in Spark's microseconds), then one
   * tick per offset past the file's end, each a batch time further on.
   */
  @Test
  void timedOffsetsGiveEachBatchItsLogicalTimeAndTicksFollowTheLines() throws Exception {
    Path input = tmp.resolve("ten.txt");
    Files.write(input, numbered(10), StandardCharsets.UTF_8);
    ReplayMicroBatchStream stream =
        new ReplayMicroBatchStream(input, 3, new ReplayMicroBatchStream.Times(200, 2));
    List<String> ends = new ArrayList<>();
    for (Offset at = stream.initialOffset(); at != null; at = stream.latestOffset(at, null)) {
      ends.add(at.json());
    }
    assertEquals(List.of("0", "3", "6", "9", "10", "11", "12"), ends);
    assertEquals("12", stream.reportLatestOffset().json());
    assertArrayEquals(
        new InputPartition[] {new ReplayPartition(input.toString(), 9, 0, 3, 200_000)},
        stream.planInputPartitions(new LineOffset(3), new LineOffset(6)));
    // Four batches of lines (0 .. 600 ms), then the ticks at 800 and 1000 ms.
    assertArrayEquals(new InputPartition[] {ReplayPartition.tick(800_000)},
        stream.planInputPartitions(new LineOffset(10), new LineOffset(11)));
    assertArrayEquals(new InputPartition[] {ReplayPartition.tick(1_000_000)},
        stream.planInputPartitions(new LineOffset(11), new LineOffset(12)));
    assertArrayEquals(new InputPartition[0],
        stream.planInputPartitions(new LineOffset(12), new LineOffset(13)));

    Path empty = Files.writeString(tmp.resolve("empty.txt"), "");
    assertNull(new ReplayMicroBatchStream(empty, 3, new ReplayMicroBatchStream.Times(200, 2))
        .latestOffset(new LineOffset(0), null), "no ticks after an empty file");
  }
}
