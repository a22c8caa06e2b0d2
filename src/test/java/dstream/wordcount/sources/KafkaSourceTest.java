package dstream.wordcount.sources;

import static dstream.wordcount.testing.UsageErrors.assertUsage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.Main;
import dstream.wordcount.testing.BackgroundJob;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.KafkaBroker;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.LogCapture;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.SharedSpark;
import dstream.wordcount.testing.Waits;
import dstream.wordcount.text.LineLimit;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
 * The kafka source against a real broker started by {@code bin/kafka-local} in a temporary
 * directory: exact counts over several partitions, no record lost or repeated across a graceful
 * stop and restart, none lost across a SIGKILL of the driver or a broker restart, and clear errors
 * for an unreachable broker and an unknown topic. Drivers are real {@code bin/run-wordcount}
 * processes; records are sent with {@code bin/produce} or its main class.
 *
 * <p>Records are the seven demo messages in turn, so any multiple of seven records has the
 * literal totals {@link #CYCLE} times the number of cycles.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class KafkaSourceTest {
  /** Word counts of one cycle of the seven demo messages (whitespace tokenizer). */
  private static final Map<String, Long> CYCLE = counts(
      "This", 2, "is", 2, "an", 1, "important", 3, "message", 2, "a", 2, "regular", 1,
      "Another", 1, "update", 1, "Just", 1, "normal", 1, "event", 1, "Critical", 1, "alert", 1,
      "Random", 1, "data", 1, "here", 1, "Important", 1, "notification", 1, "received", 1);
  private static final Duration RESULT_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(60);

  @TempDir static Path shared;
  private static KafkaBroker broker;
  private static Path conf;

  @TempDir Path tmp;

  @BeforeAll
  static void startBroker() throws IOException {
    conf = shared.resolve("test.properties");
    Files.writeString(conf, "spark.ui.enabled = false\n");
    broker = KafkaBroker.start(shared.resolve("kafka"));
  }

  @AfterAll
  static void stopBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void countsEveryRecordOfThreePartitionsExactlyAndCommitsThem() throws Exception {
    Launcher.Result sent = Launcher.run(Duration.ofSeconds(120), "produce", "--topic", "exact",
        "--brokers", broker.bootstrap(), "--demo", "--interval", "0", "--count", "21",
        "--partitions", "3").requireSuccess("bin/produce");
    assertTrue(sent.err().contains("created topic exact with 3 partitions"), sent.err());
    List<String> sends = sent.out().lines().toList();
    assertEquals(21, sends.size(), sent.out());
    assertEquals("Sent message 1: This is an important message", sends.get(0));
    assertEquals("Sent message 21: Important notification received", sends.get(20));

    Path out = tmp.resolve("out/exact");
    try (Launcher.Run driver = startDriver("exact", "exact-group", out)) {
      awaitTotals(driver, out, times(CYCLE, 3));
      driver.terminate(EXIT_TIMEOUT);
      assertTrue(driver.err().contains("committed the offsets of the last processed batch"),
          driver.err());
    }
    assertEquals(times(CYCLE, 3), totals(out));
    assertEquals(Map.of(0, 7L, 1, 7L, 2, 7L), broker.committedAtTheEnd("exact-group", "exact"));
  }

  @Test
  void gracefulStopCommitsTheLastBatchSoARestartNeitherLosesNorRepeats() throws Exception {
    produce("graceful", 14); // two cycles before the first run
    Path first = tmp.resolve("out/first");
    Path second = tmp.resolve("out/second");
    CompletableFuture<Integer> producing;
    try (Launcher.Run driver = startDriver("graceful", "graceful-group", first)) {
      awaitTotals(driver, first, times(CYCLE, 2));
      // Eight more cycles trickle in; the driver is stopped (SIGTERM) while they do.
      Lines progress = new Lines();
      producing = CompletableFuture.supplyAsync(() -> ProduceMain.run(new String[] {
          "--topic", "graceful", "--brokers", broker.bootstrap(), "--demo", "--count", "56",
          "--interval", "40ms"}, new ByteArrayInputStream(new byte[0]), progress.stream(),
          System.err));
      progress.await(15, RESULT_TIMEOUT);
      driver.terminate(EXIT_TIMEOUT);
      assertTrue(driver.err().contains("committed the offsets of the last processed batch"),
          driver.err());
    }
    assertEquals(0, producing.get(RESULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    try (Launcher.Run driver = startDriver("graceful", "graceful-group", second)) {
      awaitTotals(driver, List.of(first, second), times(CYCLE, 10));
      driver.terminate(EXIT_TIMEOUT);
    }
    assertEquals(times(CYCLE, 10), add(totals(first), totals(second)),
        "every record counted exactly once over the two runs");
  }

  @Test
  void driverKilledMidStreamWithACheckpointEndsWithExactTotals() throws Exception {
    killAndRecover("killed", "dstream");
  }

  /**
   * The same on the structured engine: offsets and state come back from the query's checkpoint,
   * and its commits to the group follow every micro-batch's outputs.
   */
  @Test
  void structuredDriverKilledMidStreamWithACheckpointEndsWithExactTotalsAndCommits()
      throws Exception {
    killAndRecover("killed-structured", "structured");
    // committedAtTheEnd asserts each partition's offset is its end; how the producer spread the
    // records over the partitions depends on timing, so only their sum is known.
    assertEquals(14 + 56 + 14, sum(broker.committedAtTheEnd("killed-structured-group",
        "killed-structured")), "the group's offsets are the topic's end once the last batch is out");
  }

  private void killAndRecover(String topic, String engine) throws Exception {
    produce(topic, 14);
    // Both runs use the same checkpoint and settings: a recoverable job is restarted with the
    // settings it was started with.
    Path out = out(topic);
    String checkpoint = tmp.resolve("checkpoint").toString();
    String[] cumulative = {"--pipeline", "cumulative", "--checkpoint", checkpoint,
        "--engine", engine};
    CompletableFuture<Integer> producing;
    try (Launcher.Run driver = startDriver(topic, topic + "-group", out, cumulative)) {
      awaitRunningTotals(driver, out, times(CYCLE, 2));
      Lines progress = new Lines();
      producing = CompletableFuture.supplyAsync(() -> ProduceMain.run(new String[] {
          "--topic", topic, "--brokers", broker.bootstrap(), "--demo", "--count", "56",
          "--interval", "40ms"}, new ByteArrayInputStream(new byte[0]), progress.stream(),
          System.err));
      progress.await(15, RESULT_TIMEOUT);
      driver.kill(EXIT_TIMEOUT); // SIGKILL: no graceful stop, no final commit
    }
    assertEquals(0, producing.get(RESULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
    produce(topic, 14); // and more after the crash
    try (Launcher.Run driver = startDriver(topic, topic + "-group", out, cumulative)) {
      awaitRunningTotals(driver, out, times(CYCLE, 12));
      driver.terminate(EXIT_TIMEOUT);
    }
    // State and offsets come back from the checkpoint together, so the running totals of the last
    // batch are exactly what was produced: nothing lost, nothing counted twice.
    assertEquals(times(CYCLE, 12), lastBatch(out));
  }

  /**
   * A job moves between the engines by stopping one and starting the other on the same group with
   * {@code --starting-offsets group}: both commit each batch's offsets to the group after its
   * outputs, so every record is counted once over the three runs, DStream -> structured ->
   * DStream.
   */
  @Test
  void aJobMovesBetweenEnginesThroughTheGroupsOffsets() throws Exception {
    produce("handover", 14);
    assertUsage("--starting-offsets group: group nobody-group has no committed offsets for"
        + " handover; start it with --starting-offsets earliest or latest", "--source", "kafka",
        "--topics", "handover", "--brokers", broker.bootstrap(), "--group-id", "nobody-group",
        "--starting-offsets", "group", "--engine", "structured");
    List<Path> outs = new ArrayList<>();
    String[][] runs = {{"--engine", "dstream", "--starting-offsets", "earliest"},
        {"--engine", "structured", "--starting-offsets", "group"},
        {"--engine", "dstream", "--starting-offsets", "group"}};
    for (int run = 0; run < runs.length; run++) {
      if (run > 0) {
        produce("handover", 14); // while no job runs
      }
      outs.add(tmp.resolve("out/handover" + run));
      try (Launcher.Run driver = startDriver("handover", "handover-group", outs.get(run), runs[run])) {
        awaitTotals(driver, outs, times(CYCLE, 2 * (run + 1)));
        driver.terminate(EXIT_TIMEOUT);
      }
      assertEquals(times(CYCLE, 2), totals(outs.get(run)), "run " + run + " counts its records");
    }
    assertEquals(3 * 14, sum(broker.committedAtTheEnd("handover-group", "handover")));
  }

  /**
   * A hand-over after a SIGKILL of the first job: its last batch may be out without its commit,
   * so the next job, starting at the group's last commit, counts that batch again. At least
   * once is the promise there: every record counted, none lost, at most the killed job's
   * records twice.
   */
  @Test
  void aHandOverAfterASigkillCountsEveryRecordAtLeastOnce() throws Exception {
    produce("killed-handover", 7);
    Path first = tmp.resolve("out/killed-handover0");
    Path second = tmp.resolve("out/killed-handover1");
    try (Launcher.Run driver = startDriver("killed-handover", "killed-handover-group", first,
        "--engine", "dstream", "--starting-offsets", "earliest")) {
      awaitTotals(driver, first, times(CYCLE, 1));
      // A first batch committed, so the group has offsets to hand over (a job killed before its
      // first commit leaves none: the next one is refused and must start at earliest).
      Waits.until(60_000, () -> "the first commit: " + driver.err(),
          () -> broker.committedOrNone("killed-handover-group") == 7);
      produce("killed-handover", 7);
      awaitTotals(driver, first, times(CYCLE, 2));
      driver.kill(EXIT_TIMEOUT); // no graceful stop: the last batch may be out, uncommitted
    }
    produce("killed-handover", 14);
    try (Launcher.Run driver = startDriver("killed-handover", "killed-handover-group", second,
        "--engine", "structured", "--starting-offsets", "group")) {
      Waits.until(120_000, () -> "the group's offsets at the topic's end: " + driver.err(),
          () -> broker.committedOrNone("killed-handover-group") == 28);
      driver.terminate(EXIT_TIMEOUT);
    }
    Map<String, Long> both = add(totals(first), totals(second));
    Map<String, Long> atMost = add(times(CYCLE, 4), totals(first));
    for (Map.Entry<String, Long> e : times(CYCLE, 4).entrySet()) {
      long n = both.getOrDefault(e.getKey(), 0L);
      assertTrue(n >= e.getValue() && n <= atMost.get(e.getKey()),
          e.getKey() + ": counted " + n + ", at least " + e.getValue() + ": " + both);
    }
  }

  /**
   * A broker away for longer than a few batches is said once, and its return once; no record is
   * lost or counted twice across the outage. Both engines, side by side through one outage.
   */
  @Test
  void resumesAfterABrokerRestartWithoutLosingRecords() throws Exception {
    try (BothEngines both = startBothEngines("restart")) {
      broker.stop();
      try {
        for (Launcher.Run driver : both.drivers.values()) {
          assertTrue(driver.awaitOutput("WARN  BrokerWatch: kafka source: no broker at "
              + broker.bootstrap() + " has answered for ", 60), "no outage line:\n" + driver.err());
          assertTrue(driver.process().isAlive(), "driver gave up while the broker was down:\n"
              + driver.err());
        }
      } finally {
        broker.startAgain();
      }
      for (Map.Entry<String, Launcher.Run> e : both.drivers.entrySet()) {
        Launcher.Run driver = e.getValue();
        assertTrue(driver.awaitOutput("INFO  BrokerWatch: kafka source: the brokers at "
            + broker.bootstrap() + " answer again after ", 60), "no return line:\n" + driver.err());
        produce(e.getKey(), 14);
      }
      for (Map.Entry<String, Launcher.Run> e : both.drivers.entrySet()) {
        Launcher.Run driver = e.getValue();
        awaitTotals(driver, out(e.getKey()), times(CYCLE, 3));
        driver.terminate(EXIT_TIMEOUT);
        assertEquals(1, driver.err().lines().filter(l -> l.contains("no broker at")).count(),
            driver.err());
        assertEquals(times(CYCLE, 3), totals(out(e.getKey())));
      }
    }
  }

  /**
   * A topic deleted under a running job fails it within a few batches, in one line naming the
   * topic (exit 1), instead of stalling; what was processed before was committed. Both engines,
   * side by side.
   */
  @Test
  void aDeletedTopicFailsTheJobInOneLine() throws Exception {
    try (BothEngines both = startBothEngines("deleted")) {
      for (String topic : both.drivers.keySet()) {
        Waits.until(RESULT_TIMEOUT.toMillis(), () -> "commit of 7 records of " + topic,
            () -> broker.committedOrNone(topic + "-group") == 7);
        broker.deleteTopic(topic);
      }
      long deleted = System.currentTimeMillis();
      for (Map.Entry<String, Launcher.Run> e : both.drivers.entrySet()) {
        String topic = e.getKey();
        Launcher.Run driver = e.getValue();
        assertEquals(1, driver.awaitExit(EXIT_TIMEOUT), driver.err());
        System.err.println("KafkaSourceTest " + topic + ": exit 1 within "
            + (System.currentTimeMillis() - deleted) + " ms of the deletions");
        List<String> err = driver.err().strip().lines().toList();
        assertEquals("run-wordcount: job failed: kafka source: topic '" + topic + "' no longer"
            + " exists at " + broker.bootstrap() + " (deleted while the job ran); the job stops,"
            + " the offsets of the batches it processed committed for group " + topic + "-group"
            + " (details in the log)", err.get(err.size() - 1), driver.err());
      }
    }
  }

  /** A driver per engine, each on its own topic, keyed by topic; all killed on close. */
  private record BothEngines(Map<String, Launcher.Run> drivers) implements AutoCloseable {
    @Override
    public void close() {
      drivers.values().forEach(Launcher.Run::close);
    }
  }

  /**
   * Starts a driver per engine at once, each on its own topic {@code PREFIX-ENGINE} of one cycle of
   * records, and waits until each has counted its cycle. Side by side, the two engines share the
   * waits of a test (an outage, a deletion) instead of taking them in turn.
   */
  private BothEngines startBothEngines(String prefix) throws Exception {
    BothEngines both = new BothEngines(new LinkedHashMap<>());
    try {
      for (String engine : List.of("dstream", "structured")) {
        String topic = prefix + "-" + engine;
        produce(topic, 7);
        both.drivers.put(topic, startDriver(topic, topic + "-group", out(topic), "--engine", engine));
      }
      for (Map.Entry<String, Launcher.Run> e : both.drivers.entrySet()) {
        awaitTotals(e.getValue(), out(e.getKey()), CYCLE);
      }
      return both;
    } catch (Exception | AssertionError e) {
      both.close();
      throw e;
    }
  }

  private Path out(String topic) {
    return tmp.resolve("out/" + topic);
  }

  /**
   * The Kafka lab's producer sends {@code json.dumps(message)}: with {@code --format json} its
   * values count and grep as the plain messages would, records that are not JSON text are
   * skipped, and objects give the field named by {@code --json-field}. One shared SparkContext,
   * drivers run in-process by the production runner, stopped as soon as the result is exact.
   */
  @Test
  void jsonValuesOfTheLabProducerAreCountedAndGreppedExactly() throws Exception {
    List<String> strings = new ArrayList<>();
    List<String> objects = new ArrayList<>();
    for (int i = 0; i < ProduceMain.DEMO_MESSAGES.size(); i++) {
      String m = ProduceMain.DEMO_MESSAGES.get(i);
      strings.add("\"" + m + "\"");
      objects.add("{\"id\": " + i + ", \"event\": {\"message\": \"" + m + "\"}}");
    }
    strings.add("This is an important message"); // not JSON: skipped
    objects.add("{\"id\": 7, \"event\": {\"message\": 7}}"); // no string at the path: skipped
    produceLines("json-strings", strings);
    produceLines("json-objects", objects);
    try (SharedSpark spark = new SharedSpark("KafkaSourceTest-json")) {
      Path counted = tmp.resolve("out/json-count");
      runUntil(spark, counted, () -> totals(counted).equals(CYCLE),
          "json-strings", "--pipeline", "count");
      assertEquals(CYCLE, totals(counted));

      Path grepped = tmp.resolve("out/json-grep");
      List<String> important = List.of("Another important update", "Critical important alert",
          "This is an important message");
      runUntil(spark, grepped, () -> sorted(OutputFiles.allLines(grepped)).equals(important),
          "json-strings", "--pipeline", "grep", "--match", "important");
      assertEquals(important, sorted(OutputFiles.allLines(grepped)));

      Path fields = tmp.resolve("out/json-field");
      runUntil(spark, fields, () -> totals(fields).equals(CYCLE),
          "json-objects", "--pipeline", "count", "--json-field", "event.message");
      assertEquals(CYCLE, totals(fields));
    }
  }

  /**
   * A record value over the line limit (a topic and producer set to take one; the broker's default
   * refuses it) is skipped on both engines with one WARN naming it, and the records around it are
   * counted. One shared SparkContext, drivers run in-process by the production runners.
   */
  @Test
  void aRecordOverTheLineLimitIsSkippedAndNamed() throws Exception {
    String topic = "huge";
    int big = LineLimit.MAX_LINE_BYTES + 1;
    try (Admin admin = KafkaAdmin.admin(broker.bootstrap(), Map.of())) {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
          .configs(Map.of("max.message.bytes", Integer.toString(2 * big)))))
          .all().get(30, TimeUnit.SECONDS);
    }
    Map<String, Object> conf = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrap(),
        ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * big,
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(conf)) {
      for (String value : List.of("a b", "x".repeat(big), "c")) {
        producer.send(new ProducerRecord<>(topic, 0, null, value)).get(60, TimeUnit.SECONDS);
      }
    }
    String warned = LineLimit.skipped("kafka", "the record at offset 1 of huge-0");
    try (SharedSpark spark = new SharedSpark("KafkaSourceTest-huge")) {
      for (String engine : List.of("dstream", "structured")) {
        Path out = tmp.resolve("out/huge-" + engine);
        List<String> args = List.of("--engine", engine, "--source", "kafka", "--topics", topic,
            "--brokers", broker.bootstrap(), "--group-id", "huge-" + engine,
            "--starting-offsets", "earliest", "--batch", "500ms", "--duration", "60s",
            "--no-print", "--output", out.toString());
        try (LogCapture said = LogCapture.of(KafkaSource.class.getName());
            BackgroundJob job = BackgroundJob.start(args, spark)) {
          Waits.until(RESULT_TIMEOUT.toMillis(), () -> engine + ": a, b and c counted: "
              + totals(out), () -> totals(out).equals(counts("a", 1, "b", 1, "c", 1)));
          Waits.until(10_000, () -> engine + ": the warning: " + said.text(),
              () -> said.text().contains(warned));
          assertEquals(List.of(warned),
              said.text().lines().filter(l -> l.contains("16 MiB")).toList(), engine);
        }
      }
    }
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().toList();
  }

  /** Runs a --format json driver on {@code topic} until {@code done}, then stops it gracefully. */
  private void runUntil(SharedSpark spark, Path out, java.util.function.BooleanSupplier done,
      String topic, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--source", "kafka", "--topics", topic,
        "--brokers", broker.bootstrap(), "--group-id", out.getFileName().toString(),
        "--starting-offsets", "earliest", "--batch", "500ms", "--duration", "60s",
        "--no-print", "--output", out.toString(), "--format", "json"));
    args.addAll(List.of(extra));
    try (BackgroundJob job = BackgroundJob.start(args, spark)) {
      Waits.until(RESULT_TIMEOUT.toMillis(), () -> "the exact result of " + args, done);
    }
  }

  /** Sends {@code lines} as record values with the producer's main class (one partition). */
  private static void produceLines(String topic, List<String> lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ProduceMain.run(new String[] {"--topic", topic, "--brokers", broker.bootstrap(),
        "--input", "-", "--interval", "0"},
        new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    assertEquals(0, exit, "produce failed");
    assertEquals(lines.size(), out.toString(StandardCharsets.UTF_8).lines().count());
  }

  @Test
  void unreachableBrokerIsAClearFailureNamingIt() {
    String brokers = "127.0.0.1:" + Launcher.freePort();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"--source", "kafka", "--topics", "t", "--brokers", brokers},
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(1, exit);
    assertEquals("run-wordcount: job failed: ConnectException: no Kafka broker answered at "
        + brokers + " within 15 s; start one with bin/kafka-local start, or fix --brokers"
        + " (details in the log)", err.toString(StandardCharsets.UTF_8).strip());
  }

  @Test
  void unknownTopicIsAUsageErrorSayingHowToCreateIt() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int exit = Main.run(new String[] {"--source", "kafka", "--topics", "nosuch", "--brokers",
        broker.bootstrap()}, new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(2, exit);
    assertEquals("run-wordcount: --topics: topic 'nosuch' does not exist at " + broker.bootstrap()
        + "; create it, e.g. with bin/produce --topic nosuch --brokers " + broker.bootstrap()
        + " (it creates missing topics), or check the name",
        err.toString(StandardCharsets.UTF_8).strip());
  }

  // ---- helpers ----

  private Launcher.Run startDriver(String topic, String group, Path out, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of(
        "--source", "kafka", "--topics", topic, "--brokers", broker.bootstrap(),
        "--group-id", group,
        "--batch", "500ms", "--no-print", "--output", out.toString(), "--conf", conf.toString()));
    args.addAll(List.of(extra));
    if (!args.contains("--starting-offsets")) {
      args.addAll(List.of("--starting-offsets", "earliest"));
    }
    if (!args.contains("--pipeline")) {
      args.addAll(List.of("--pipeline", "count"));
    }
    return Launcher.start(tmp.resolve("driver-" + out.getFileName()), "run-wordcount",
        args.toArray(new String[0]));
  }

  /** Sends {@code n} demo messages with the producer's main class, creating a 3-partition topic. */
  private static void produce(String topic, int n) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = ProduceMain.run(new String[] {"--topic", topic, "--brokers", broker.bootstrap(),
        "--demo", "--interval", "0", "--count", Integer.toString(n), "--partitions", "3"},
        new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
        System.err);
    assertEquals(0, exit, "produce failed");
    assertEquals(n, out.toString(StandardCharsets.UTF_8).lines().count());
  }

  private static long sum(Map<Integer, Long> offsets) {
    return offsets.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The counts of the latest completed output batch of {@code prefix} (running totals). */
  private static Map<String, Long> lastBatch(Path prefix) {
    SortedMap<Long, List<String>> batches = OutputFiles.read(prefix);
    List<Long> newestFirst = new ArrayList<>(batches.keySet());
    java.util.Collections.reverse(newestFirst);
    for (Long time : newestFirst) {
      Path dir = prefix.resolveSibling(prefix.getFileName() + "-" + time + ".txt");
      if (Files.exists(dir.resolve("_SUCCESS"))) {
        return Counts.parse(batches.get(time));
      }
    }
    return Map.of();
  }

  /** Waits until the running totals of the latest batch reach {@code expected}; fails beyond it. */
  private static void awaitRunningTotals(Launcher.Run driver, Path prefix,
      Map<String, Long> expected) throws InterruptedException {
    awaitOutput(driver, expected, () -> lastBatch(prefix), seen -> {
      expected.forEach((w, n) -> assertTrue(seen.getOrDefault(w, 0L) <= n,
          "counted twice: " + w + "=" + seen.get(w) + " > " + n));
      return seen.equals(expected);
    });
  }

  /** Counts summed over every completed output batch of {@code prefix}. */
  private static Map<String, Long> totals(Path prefix) {
    Path dir = prefix.getParent();
    Map<String, Long> sum = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return sum;
    }
    String base = prefix.getFileName() + "-";
    try (Stream<Path> batches = Files.list(dir)) {
      for (Path batch : batches.filter(p -> p.getFileName().toString().startsWith(base)).toList()) {
        if (!Files.exists(batch.resolve("_SUCCESS"))) {
          continue; // still being written, or cut off by a kill: not an output that succeeded
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> parts = Files.list(batch)) {
          for (Path part : parts.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
            lines.addAll(Files.readAllLines(part, StandardCharsets.UTF_8));
          }
        }
        Counts.parse(lines).forEach((w, n) -> sum.merge(w, n, Long::sum));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sum;
  }

  private static void awaitTotals(Launcher.Run driver, Path prefix, Map<String, Long> expected)
      throws InterruptedException {
    awaitTotals(driver, List.of(prefix), expected);
  }

  /** Waits until the summed outputs reach {@code expected} for every word (or more, on repeats). */
  private static void awaitTotals(Launcher.Run driver, List<Path> prefixes,
      Map<String, Long> expected) throws InterruptedException {
    awaitOutput(driver, expected, () -> {
      Map<String, Long> sum = new TreeMap<>();
      for (Path p : prefixes) {
        sum = add(sum, totals(p));
      }
      return sum;
    }, seen -> expected.entrySet().stream()
        .allMatch(e -> seen.getOrDefault(e.getKey(), 0L) >= e.getValue()));
  }

  /**
   * Polls {@code output} until it has {@code reached} the expected counts; fails at once when the
   * driver exits, and after {@link #RESULT_TIMEOUT} otherwise.
   */
  private static void awaitOutput(Launcher.Run driver, Map<String, Long> expected,
      Supplier<Map<String, Long>> output, Predicate<Map<String, Long>> reached)
      throws InterruptedException {
    long deadline = System.currentTimeMillis() + RESULT_TIMEOUT.toMillis();
    Map<String, Long> seen = Map.of();
    while (System.currentTimeMillis() < deadline) {
      seen = output.get();
      if (reached.test(seen)) {
        return;
      }
      if (!driver.process().isAlive()) {
        throw new AssertionError(
            "driver exited " + driver.process().exitValue() + " early:\n" + driver.err());
      }
      Thread.sleep(200);
    }
    throw new AssertionError("expected " + expected + " within " + RESULT_TIMEOUT + ", saw " + seen
        + "\ndriver stderr:\n" + driver.err());
  }

  private static Map<String, Long> counts(Object... pairs) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], ((Integer) pairs[i + 1]).longValue());
    }
    return m;
  }

  private static Map<String, Long> times(Map<String, Long> m, long k) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((w, n) -> out.put(w, n * k));
    return out;
  }

  private static Map<String, Long> add(Map<String, Long> a, Map<String, Long> b) {
    Map<String, Long> out = new TreeMap<>(a);
    b.forEach((w, n) -> out.merge(w, n, Long::sum));
    return out;
  }

  /** A print stream that counts the lines written to it, so a test can wait for progress. */
  private static final class Lines {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    PrintStream stream() {
      return stream;
    }

    void await(int lines, Duration timeout) throws InterruptedException {
      long deadline = System.currentTimeMillis() + timeout.toMillis();
      while (count() < lines) {
        if (System.currentTimeMillis() > deadline) {
          throw new AssertionError("fewer than " + lines + " messages sent within " + timeout);
        }
        Thread.sleep(50);
      }
    }

    private long count() {
      synchronized (bytes) {
        return bytes.toString(StandardCharsets.UTF_8).lines().count();
      }
    }
  }
}
