package dstream.wordcount.outputs.mongo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.KafkaBroker;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.MongoServer;
import dstream.wordcount.testing.Waits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --mongo} with the Kafka source, a real broker from {@code bin/kafka-local}: a
 * {@code count} driver killed with SIGKILL mid-stream and restarted on its checkpoint writes
 * every record exactly once, and the group's committed offsets never pass what MongoDB holds
 * (the commit runs after the outputs). Record k is the line {@code "rk spark"}
 * ({@link KafkaBroker#produce}).
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class MongoKafkaTest {
  private static final long WAIT_MS = 120_000;
  /** The broker's data, removed after the class. */
  @TempDir static Path shared;
  private static KafkaBroker broker;
  @RegisterExtension static final MongoServer mongo = new MongoServer();

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.start(shared.resolve("kafka"));
  }

  @AfterAll
  static void stop() {
    broker.close();
  }

  @Test
  void killedDriverWritesEveryRecordOnceAndCommitsNoOffsetAhead() throws Exception {
    String topic = "mongo-killed";
    String group = topic + "-group";
    broker.createTopic(topic);
    broker.produce(topic, 1, 20);
    List<String> args = List.of("--source", "kafka", "--topics", topic,
        "--brokers", broker.bootstrap(), "--group-id", group, "--starting-offsets", "earliest",
        "--pipeline", "count", "--batch", "500ms", "--no-print",
        "--checkpoint", tmp.resolve("checkpoint").toString(), "--mongo", mongo.uri("kafka"));
    try (Launcher.Run first = Launcher.start(tmp, "run-wordcount", args.toArray(new String[0]))) {
      awaitRecords(20, first);
      assertTrue(broker.committed(group) <= recordsInMongo(), "offsets ahead of MongoDB");
      broker.produce(topic, 21, 30);
      Thread.sleep(700); // a batch of these is being written: kill mid-stream
      first.kill(Duration.ofSeconds(30));
    }
    assertTrue(broker.committed(group) <= recordsInMongo(), "offsets ahead of MongoDB");
    broker.produce(topic, 31, 50); // while no driver runs
    try (Launcher.Run second = Launcher.start(tmp, "run-wordcount", args.toArray(new String[0]))) {
      awaitRecords(50, second);
      assertTrue(second.err().contains("recovered the job from checkpoint"), second.err());
      Waits.until(WAIT_MS, () -> "every offset committed\n" + second.err(),
          () -> broker.committedOrNone(group) == 50);
    }
    assertEachBatchHoldsWholeRecordsOnce(50);
  }

  /** What a reader following the contract sees: batch time to word counts, committed batches only. */
  private static Map<Long, Map<String, Long>> committedBatches() {
    Set<Long> committed = new TreeSet<>();
    mongo.documents("kafka", "batches").forEach(d -> committed.add(d.getLong("batch_time")));
    Map<Long, Map<String, Long>> byBatch = new TreeMap<>();
    for (Document d : mongo.documents("kafka", "counts")) {
      if (committed.contains(d.getLong("batch_time"))) {
        byBatch.computeIfAbsent(d.getLong("batch_time"), t -> new TreeMap<>())
            .put(d.getString("word"), d.getLong("count"));
      }
    }
    return byBatch;
  }

  private static long recordsInMongo() {
    return committedBatches().values().stream()
        .mapToLong(m -> m.keySet().stream().filter(w -> w.matches("r\\d+")).count()).sum();
  }

  /** Waits until the committed batches hold records 1..n; fails at once on a record twice. */
  private static void awaitRecords(int n, Launcher.Run driver) throws InterruptedException {
    Waits.until(WAIT_MS, () -> n + " records in committed batches\n" + driver.err(), () -> {
      Map<String, Long> records = new TreeMap<>();
      committedBatches().values().forEach(m -> m.forEach((w, c) -> {
        if (w.matches("r\\d+")) {
          records.merge(w, c, Long::sum);
        }
      }));
      records.forEach((w, c) -> assertEquals(1L, c, "record " + w + " counted twice"));
      return records.size() == n;
    });
  }

  /** Every document of a committed batch holds whole records, each record in one batch. */
  private static void assertEachBatchHoldsWholeRecordsOnce(int n) {
    Set<String> seen = new TreeSet<>();
    committedBatches().forEach((t, counts) -> {
      long records = counts.keySet().stream().filter(w -> w.matches("r\\d+"))
          .peek(w -> assertTrue(seen.add(w), "record " + w + " in two batches")).count();
      assertEquals(records, counts.getOrDefault("spark", 0L), "batch " + t + " is whole");
    });
    assertEquals(n, seen.size(), "every record in exactly one committed batch: " + seen);
  }
}
