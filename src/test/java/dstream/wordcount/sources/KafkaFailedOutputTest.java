package dstream.wordcount.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.engine.dstream.JobRunner;
import dstream.wordcount.engine.dstream.StreamingContexts;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.FaultyFileSystem;
import dstream.wordcount.testing.KafkaBroker;
import dstream.wordcount.tools.ProduceMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka commit is skipped for a batch whose output failed: a real output ({@code --output}
 * through the test file system {@code faulty://}, whose writes fail on demand) fails on an
 * executor, the job ends with that failure, the group's committed offsets stay at the last batch
 * whose output succeeded, and a restart of the same group reads exactly the records of the failed
 * batch and after, none of the ones before. Real broker ({@code bin/kafka-local}), production
 * runner and SparkContext factory (the {@code spark.hadoop.*} key registers the file system).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KafkaFailedOutputTest {
  /** Word counts of one cycle of the seven demo messages (whitespace tokenizer). */
  private static final Map<String, Long> CYCLE = Counts.parse(List.of(
      "(This,2)", "(is,2)", "(an,1)", "(important,3)", "(message,2)", "(a,2)", "(regular,1)",
      "(Another,1)", "(update,1)", "(Just,1)", "(normal,1)", "(event,1)", "(Critical,1)",
      "(alert,1)", "(Random,1)", "(data,1)", "(here,1)", "(Important,1)", "(notification,1)",
      "(received,1)"));
  private static final long RESULT_TIMEOUT_MS = 90_000;

  @TempDir static Path shared;
  private static KafkaBroker broker;
  private static Path conf;

  @TempDir Path tmp;
  private final ExecutorService driver = Executors.newSingleThreadExecutor();
  private final CountDownLatch stopFirst = new CountDownLatch(1);
  private final CountDownLatch stopSecond = new CountDownLatch(1);

  @BeforeAll
  static void startBroker() throws IOException {
    conf = Files.writeString(shared.resolve("faulty.properties"), String.join("\n",
        "spark.ui.enabled = false",
        "spark.driver.host = 127.0.0.1",
        "spark.hadoop.fs." + FaultyFileSystem.SCHEME + ".impl = " + FaultyFileSystem.class.getName(),
        "spark.hadoop.fs." + FaultyFileSystem.SCHEME + ".impl.disable.cache = true",
        ""));
    broker = KafkaBroker.start(shared.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @AfterEach
  void stopDriver() throws InterruptedException {
    FaultyFileSystem.failWrites(false);
    stopFirst.countDown();
    stopSecond.countDown();
    driver.shutdown();
    driver.awaitTermination(60, TimeUnit.SECONDS);
    driver.shutdownNow();
    driver.awaitTermination(30, TimeUnit.SECONDS);
  }

  @Test
  void failedOutputIsNotCommittedAndARestartReadsExactlyItsRecords() throws Exception {
    produce(7);
    Path first = tmp.resolve("first/wc");
    Future<?> run1 = driver.submit(() -> {
      JobRunner.run(job(first), StreamingContexts.INSTANCE, stopFirst);
      return null;
    });
    awaitTotals(first, CYCLE);
    assertEquals(Map.of(0, 3L, 1, 2L, 2, 2L), awaitCommitted(Map.of(0, 3L, 1, 2L, 2, 2L)));

    // Every write fails from now on; empty batches still succeed, so the first batch that fails is
    // the one holding the next records.
    FaultyFileSystem.failWrites(true);
    produce(14);
    ExecutionException failed = assertThrows(ExecutionException.class,
        () -> run1.get(RESULT_TIMEOUT_MS, TimeUnit.MILLISECONDS));
    assertTrue(causes(failed).contains("faulty:// refuses writes (test fault injected)"), causes(failed));
    assertTrue(FaultyFileSystem.refusedWrites() > 0);
    assertEquals(CYCLE, totals(first), "nothing of the failed batch was written");
    assertEquals(Map.of(0, 3L, 1, 2L, 2, 2L), committed(), "the failed batch's offsets not committed");

    // The store is back: a restart of the group reads exactly the 14 records after the commit.
    FaultyFileSystem.failWrites(false);
    Path second = tmp.resolve("second/wc");
    Future<?> run2 = driver.submit(() -> {
      JobRunner.run(job(second), StreamingContexts.INSTANCE, stopSecond);
      return null;
    });
    awaitTotals(second, times(CYCLE, 2));
    stopSecond.countDown();
    run2.get(RESULT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    assertEquals(times(CYCLE, 2), totals(second), "the failed batch's records, each once");
    // Each bin/produce run starts its turn at partition 0: 7 records went 3/2/2, the 14 go 5/5/4.
    assertEquals(Map.of(0, 8L, 1, 7L, 2, 6L), committed());
  }

  /** The messages of the whole cause chain: Spark wraps the executor's IOException. */
  private static String causes(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append('\n');
    }
    return sb.toString();
  }

  private static Job job(Path out) throws Exception {
    return Job.parse(new String[] {"--source", "kafka", "--topics", "faults",
        "--brokers", broker.bootstrap(), "--group-id", "faults-group", "--starting-offsets", "earliest",
        "--pipeline", "count", "--batch", "1s", "--no-print",
        "--output", FaultyFileSystem.SCHEME + "://" + out, "--conf", conf.toString()}, null);
  }

  /** Sends the next {@code n} demo messages, in turn over a 3-partition topic. */
  private static void produce(int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ProduceMain.run(new String[] {"--topic", "faults", "--brokers", broker.bootstrap(),
        "--demo", "--interval", "0", "--count", Integer.toString(n), "--partitions", "3"},
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    assertEquals(0, exit, "produce failed");
    assertEquals(n, out.toString(StandardCharsets.UTF_8).lines().count());
  }

  /** Counts summed over every batch directory of {@code prefix} whose write succeeded. */
  private static Map<String, Long> totals(Path prefix) throws IOException {
    Map<String, Long> sum = new TreeMap<>();
    if (!Files.isDirectory(prefix.getParent())) {
      return sum;
    }
    String base = prefix.getFileName() + "-";
    try (Stream<Path> batches = Files.list(prefix.getParent())) {
      for (Path batch : batches.filter(p -> p.getFileName().toString().startsWith(base)).toList()) {
        if (!Files.exists(batch.resolve("_SUCCESS"))) {
          continue;
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(batch)) {
          for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
            lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
          }
        }
        Counts.parse(lines).forEach((w, c) -> sum.merge(w, c, Long::sum));
      }
    }
    return sum;
  }

  private static void awaitTotals(Path prefix, Map<String, Long> expected) throws Exception {
    long deadline = System.currentTimeMillis() + RESULT_TIMEOUT_MS;
    while (!totals(prefix).equals(expected) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(expected, totals(prefix));
  }

  /** Commits are asynchronous (sent with the next batch's fetch): wait for them, bounded. */
  private static Map<Integer, Long> awaitCommitted(Map<Integer, Long> expected) throws Exception {
    long deadline = System.currentTimeMillis() + RESULT_TIMEOUT_MS;
    Map<Integer, Long> seen = committed();
    while (!seen.equals(expected) && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
      seen = committed();
    }
    return seen;
  }

  /** The group's committed offset of each partition of the topic. */
  private static Map<Integer, Long> committed() throws Exception {
    Admin admin = KafkaAdmin.admin(broker.bootstrap(), Map.of());
    try {
      Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("faults-group")
          .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
      Map<Integer, Long> byPartition = new TreeMap<>();
      offsets.forEach((tp, om) -> {
        if (tp.topic().equals("faults") && om != null) {
          byPartition.put(tp.partition(), om.offset());
        }
      });
      return byPartition;
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
  }

  private static Map<String, Long> times(Map<String, Long> m, long k) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((w, n) -> out.put(w, n * k));
    return out;
  }
}
