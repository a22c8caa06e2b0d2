package dstream.wordcount.engine.structured;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.cli.UsageException;
import dstream.wordcount.live.RunState;
import dstream.wordcount.run.Job;
import dstream.wordcount.sources.KafkaAdmin;
import dstream.wordcount.sources.KafkaSource;
import dstream.wordcount.testing.KafkaBroker;
import dstream.wordcount.testing.Waits;
import dstream.wordcount.tools.ProduceMain;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.spark.api.java.function.VoidFunction2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The structured engine's kafka source against a real broker ({@code bin/kafka-local}) and one
 * local[2] SparkSession: a new group reads from {@code --starting-offsets}, every batch's end
 * offsets are committed to the group, a new query (new checkpoint) of the same group reads only
 * what came after, a group with offsets for some partitions starts those there and the others at
 * {@code --starting-offsets}, and the per-trigger ceiling holds. Queries run as the runner would:
 * {@code foreachBatch}, then the input's {@code afterBatch} with the end offsets Spark wrote in
 * the checkpoint's offset log. Records are sent with the producer's main class, lines to the two
 * partitions in turn, so the offsets each partition ends at are known.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class KafkaStreamTest {
  private static final long RESULT_TIMEOUT_MS = 60_000;
  /** Triggers a finished query gets to show a record read twice before it is stopped. */
  private static final long SETTLE_MS = 1_500;

  @TempDir static Path shared;
  private static KafkaBroker broker;
  private static SparkSession spark;

  @TempDir Path tmp;

  @BeforeAll
  static void start() {
    broker = KafkaBroker.start(shared.resolve("kafka"));
    spark = SparkSession.builder().master("local[2]").appName("KafkaStreamTest")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate();
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      if (spark != null) {
        for (StreamingQuery q : spark.streams().active()) {
          q.stop();
        }
        spark.stop();
      }
    } finally {
      if (broker != null) {
        broker.close();
      }
    }
  }

  @Test
  void newGroupReadsFromEarliestCommitsEachBatchAndANewQueryGoesOnFromTheGroup() throws Exception {
    List<String> first = lines("a", 10);
    produce("words", first);
    Path conf = tmp.resolve("ceiling.properties");
    Files.writeString(conf, KafkaStream.MAX_OFFSETS_KEY + " = 4\n");

    List<List<String>> batches = runUntil(tmp.resolve("cp1"), first.size(),
        "--topics", "words", "--group-id", "g", "--starting-offsets", "earliest",
        "--conf", conf.toString());
    assertEquals(sorted(first), sorted(flatten(batches)));
    assertTrue(batches.size() >= 3 && batches.stream().allMatch(b -> b.size() <= 4),
        "at most 4 records per trigger: " + batches);
    assertEquals(Map.of(0, 5L, 1, 5L), broker.committedAtTheEnd("g", "words"));

    // A new query (new checkpoint) of the same group: only what came after, although a new group
    // would start at the earliest.
    List<String> second = lines("b", 6);
    produce("words", second);
    batches = runUntil(tmp.resolve("cp2"), second.size(),
        "--topics", "words", "--group-id", "g", "--starting-offsets", "earliest");
    assertEquals(sorted(second), sorted(flatten(batches)));
    assertEquals(Map.of(0, 8L, 1, 8L), broker.committedAtTheEnd("g", "words"));
  }

  @Test
  void partitionsTheGroupHasNoOffsetForStartAtStartingOffsets() throws Exception {
    List<String> records = lines("h", 10); // partition 0: h1 h3 h5 h7 h9, partition 1: the others
    produce("half", records);
    Admin admin = KafkaAdmin.admin(broker.bootstrap(), Map.of());
    try {
      admin.alterConsumerGroupOffsets("half-group",
          Map.of(new TopicPartition("half", 0), new OffsetAndMetadata(3)))
          .all().get(30, TimeUnit.SECONDS);
    } finally {
      admin.close(Duration.ofSeconds(2));
    }
    List<List<String>> batches = runUntil(tmp.resolve("cp"), 7,
        "--topics", "half", "--group-id", "half-group", "--starting-offsets", "earliest");
    assertEquals(List.of("h10", "h2", "h4", "h6", "h7", "h8", "h9"), sorted(flatten(batches)));
    assertEquals(Map.of(0, 5L, 1, 5L), broker.committedAtTheEnd("half-group", "half"));
  }

  /**
   * A group with an active member (a DStream job, or one killed less than a session timeout ago)
   * refuses the commit; it lands once the member has left, without a further batch to carry it.
   */
  @Test
  void aRefusedCommitLandsOnceTheGroupTakesCommitsAgain() throws Exception {
    produce("refused", lines("r", 4)); // two records per partition
    KafkaConsumer<String, String> member = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
        ConsumerConfig.GROUP_ID_CONFIG, "refused-group",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
        new StringDeserializer(), new StringDeserializer());
    Admin admin = KafkaAdmin.admin(broker.bootstrap(), Map.of());
    try (GroupCommit commit = new GroupCommit(admin, "refused-group", broker.bootstrap())) {
      member.subscribe(List.of("refused"));
      Waits.until(30_000, () -> "the member's partitions", () -> {
        member.poll(Duration.ofMillis(200));
        return !member.assignment().isEmpty();
      });
      commit.done(0, "{\"refused\":{\"0\":2,\"1\":2}}");
      assertEquals(0, broker.committed("refused-group"), "committed while the group had a member");
      member.close(Duration.ofSeconds(10)); // leaves the group
      Waits.until(20_000, () -> "the retried commit", () -> broker.committedOrNone("refused-group") == 4);
    } finally {
      member.close(Duration.ofSeconds(10));
      admin.close(Duration.ofSeconds(2));
    }
  }

  @Test
  void unknownTopicIsTheDeclarationsUsageError() throws Exception {
    Job job = Job.parse("--source", "kafka", "--brokers", broker.bootstrap(), "--topics", "nosuch");
    try (RunState run = new RunState()) {
      UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
          () -> new KafkaStream().open(job.settings(KafkaSource.class), job.options(), run, spark));
      assertEquals("--topics: topic 'nosuch' does not exist at " + broker.bootstrap()
          + "; create it, e.g. with bin/produce --topic nosuch --brokers " + broker.bootstrap()
          + " (it creates missing topics), or check the name", e.getMessage());
    }
  }

  @Test
  void ceilingIsTheDStreamRateTimesPartitionsTimesTheBatchUnlessSetDirectly() throws Exception {
    assertEquals(25_000L * 3 / 2, KafkaStream.maxOffsetsPerTrigger(Map.of(), 3, 500));
    assertEquals(100L * 2 * 2, KafkaStream.maxOffsetsPerTrigger(
        Map.of("spark.streaming.kafka.maxRatePerPartition", "100"), 2, 2000));
    assertEquals(1L, KafkaStream.maxOffsetsPerTrigger(
        Map.of("spark.streaming.kafka.maxRatePerPartition", "1"), 1, 100));
    assertEquals(0L, KafkaStream.maxOffsetsPerTrigger(
        Map.of("spark.streaming.kafka.maxRatePerPartition", "0"), 4, 1000));
    assertEquals(7L, KafkaStream.maxOffsetsPerTrigger(Map.of(KafkaStream.MAX_OFFSETS_KEY, "7",
        "spark.streaming.kafka.maxRatePerPartition", "100"), 2, 1000));
    UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
        () -> KafkaStream.maxOffsetsPerTrigger(Map.of(KafkaStream.MAX_OFFSETS_KEY, "-3"), 1, 1000));
    assertEquals("conf key spark.wordcount.kafka.maxOffsetsPerTrigger=-3: give a whole number of "
        + "records per trigger, or 0 for no ceiling", e.getMessage());
  }

  @Test
  void confKeysTheOptionsDecideAreNotPassedToSpark() {
    Map<String, String> conf = new TreeMap<>(Map.of("security.protocol", "SASL_PLAINTEXT",
        "group.id", "x", "bootstrap.servers", "y", "auto.offset.reset", "none",
        "enable.auto.commit", "false", "key.deserializer", "k", "value.deserializer", "v",
        "interceptor.classes", "i", "fetch.max.bytes", "1000"));
    assertEquals(Map.of("security.protocol", "SASL_PLAINTEXT", "fetch.max.bytes", "1000"),
        KafkaStream.passedConf(conf));
  }

  // ---- helpers ----

  /**
   * Opens the source for {@code args}, runs a query until it has seen {@code expected} records
   * (each batch committed through the input's afterBatch), lets it run a little longer so a record
   * read twice would show, stops it and returns the records of each batch.
   */
  private List<List<String>> runUntil(Path checkpoint, int expected, String... args)
      throws Exception {
    List<String> all = new ArrayList<>(List.of("--source", "kafka", "--brokers", broker.bootstrap(),
        "--batch", "300ms"));
    all.addAll(List.of(args));
    Job job = Job.parse(all.toArray(new String[0]));
    List<List<String>> batches = Collections.synchronizedList(new ArrayList<>());
    try (RunState run = new RunState()) {
      StreamInput in = new KafkaStream().open(job.settings(KafkaSource.class), job.options(), run, spark);
      VoidFunction2<Dataset<String>, Long> collect = (batch, id) -> {
        List<String> values = batch.collectAsList();
        in.afterBatch().done(id, sourceOffsets(checkpoint, id));
        batches.add(values); // after the commit: a test that sees the records sees it committed
      };
      StreamingQuery query = in.records().writeStream()
          .trigger(Trigger.ProcessingTime(300, TimeUnit.MILLISECONDS))
          .option("checkpointLocation", checkpoint.toString())
          .foreachBatch(collect)
          .start();
      try {
        Waits.until(RESULT_TIMEOUT_MS, () -> expected + " records, saw " + batches, () -> {
          if (!query.isActive()) {
            throw new AssertionError("query ended: " + query.exception());
          }
          return flatten(batches).size() >= expected;
        });
        Thread.sleep(SETTLE_MS);
      } finally {
        query.stop();
      }
      if (query.exception().isDefined()) {
        throw new AssertionError("query failed", query.exception().get());
      }
    }
    return new ArrayList<>(batches);
  }

  /**
   * This (only) source's end offsets of batch {@code id}, as the runner reads them: the offset
   * log's file {@code offsets/<id>} is a version line ({@code v1}), a line of batch metadata, then
   * one line per source.
   */
  private static String sourceOffsets(Path checkpoint, long id) {
    try {
      List<String> lines = Files.readAllLines(checkpoint.resolve("offsets").resolve(Long.toString(id)));
      assertEquals("v1", lines.get(0), "offset log header");
      assertEquals(3, lines.size(), "one source: " + lines);
      return lines.get(2);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends {@code lines} to {@code topic} (created with 2 partitions), to the partitions in turn. */
  private static void produce(String topic, List<String> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ProduceMain.run(new String[] {"--topic", topic, "--brokers", broker.bootstrap(),
        "--input", "-", "--interval", "0", "--partitions", "2"},
        new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, exit, "produce failed");
    assertEquals(lines.size(), out.toString(StandardCharsets.UTF_8).lines().count());
  }

  private static List<String> lines(String prefix, int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> prefix + i).toList();
  }

  private static List<String> flatten(List<List<String>> batches) {
    synchronized (batches) {
      return batches.stream().flatMap(List::stream).toList();
    }
  }

  private static List<String> sorted(List<String> values) {
    return values.stream().sorted().toList();
  }
}
