package dstream.wordcount.outputs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.DbRows;
import dstream.wordcount.testing.KafkaBroker;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.PostgresServer;
import dstream.wordcount.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database output with the Kafka source, a real broker from {@code bin/kafka-local} and a
 * real PostgreSQL from {@code bin/postgres-local}: a {@code count} or {@code cumulative} driver
 * killed mid-stream and recovered from its checkpoint writes every record's word exactly once; a
 * database that goes away for a few seconds mid-stream delays the batches (each retries for
 * {@code db.retry-for}) but loses nothing, while the group's committed offsets never pass what the
 * database holds; and one that stays away longer than that fails the job, whose restart re-reads
 * exactly the records of the failed batch.
 *
 * <p>Record k is the line {@code "rk spark"}: in a batch that read the records K, rk = 1 for k in
 * K and spark = |K|.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class DbKafkaTest {
  private static final long WAIT_MS = 240_000;
  /** A graceful stop runs the batches already queued: on a busy machine a minute's worth. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(240);
  private static Path shared;
  private static KafkaBroker broker;
  private static PostgresServer postgres;

  @TempDir Path tmp;
  private final List<Launcher.Run> started = new ArrayList<>();

  @BeforeAll
  static void startServers() throws IOException {
    shared = Files.createTempDirectory("db-kafka-test-");
    broker = KafkaBroker.start(shared.resolve("kafka"));
    postgres = PostgresServer.start();
  }

  @AfterAll
  static void stopServers() {
    try {
      if (broker != null) {
        broker.close();
      }
    } finally {
      if (postgres != null) {
        postgres.close();
      }
    }
  }

  @AfterEach
  void killLeftovers() {
    started.forEach(Launcher.Run::close);
  }

  @Test
  void killedDriverWithCheckpointWritesEveryRecordOnce() throws Exception {
    List<String> args = args("killed", "t_kill_", "--checkpoint", tmp.resolve("checkpoint").toString());
    killMidStreamAndRecover("killed", args, n -> awaitRecords("t_kill_", n, lastStarted()));
    assertEachBatchHoldsWholeRecordsOnce("t_kill_", 50);
  }

  @Test
  void killedCumulativeDriverWithCheckpointEndsWithExactTotals() throws Exception {
    List<String> args = args("killed-totals", "t_tot_",
        "--checkpoint", tmp.resolve("checkpoint").toString());
    args.set(args.indexOf("--pipeline") + 1, "cumulative");
    killMidStreamAndRecover("killed-totals", args, n -> awaitTotals("t_tot_", n, lastStarted()));
    Map<String, Long> expected = new TreeMap<>();
    for (int k = 1; k <= 50; k++) {
      expected.put("r" + k, 1L);
    }
    expected.put("spark", 50L);
    assertEquals(expected, totals("t_tot_"), "totals exactly equal the input's");
  }

  @Test
  void anOutageLongerThanTheRetryWindowFailsTheJobAndARestartReadsTheBatchAgain()
      throws Exception {
    String topic = "long-outage";
    String group = topic + "-group";
    broker.createTopic(topic);
    Path conf = tmp.resolve("short-retry.conf");
    Files.writeString(conf, Files.readString(postgres.credentials()) + "\ndb.retry-for = 2s\n");
    List<String> args = args(topic, "t_long_");
    args.set(args.indexOf(postgres.credentials().toString()), conf.toString());
    broker.produce(topic, 1, 10);
    Launcher.Run first = start(args);
    awaitRecords("t_long_", 10, first);
    postgres.stop();
    broker.produce(topic, 11, 20); // their batch retries for 2 s, then fails the job
    int exit;
    try {
      exit = first.await(120);
    } finally {
      postgres.startAgain();
    }
    assertEquals(1, exit, "the job fails" + first.err());
    assertTrue(first.err().contains("not written (no t_long_batches row)"), first.err());
    assertEquals(1, first.err().lines().filter(l -> l.startsWith("run-wordcount: job failed: "))
        .count(), "one line saying why" + first.err());
    assertEquals(10, broker.committed(group), "no offset of the failed batch committed");

    Launcher.Run second = start(args);
    awaitRecords("t_long_", 20, second);
    second.terminate(STOP_TIMEOUT);
    assertEachBatchHoldsWholeRecordsOnce("t_long_", 20);
    assertEquals(20, broker.committed(group));
  }

  @Test
  void databaseOutageDelaysBatchesButLosesNothingAndCommitsNoOffsetAhead() throws Exception {
    String topic = "outage";
    String group = "outage-group";
    broker.createTopic(topic);
    broker.produce(topic, 1, 10);
    Launcher.Run driver = start(args(topic, "t_out_"));
    awaitRecords("t_out_", 10, driver);
    postgres.stop();
    broker.produce(topic, 11, 20); // their batch cannot be written
    long downUntil = System.currentTimeMillis() + 6_000;
    while (System.currentTimeMillis() < downUntil) {
      // The offsets committed while the database is down never pass the 10 records it holds.
      assertTrue(broker.committed(group) <= 10, "offsets committed ahead of the database");
      Thread.sleep(500);
    }
    postgres.startAgain();
    awaitRecords("t_out_", 20, driver);
    driver.terminate(STOP_TIMEOUT);
    assertTrue(driver.err().contains("retrying for up to"),
        "the failed attempts were logged" + driver.err());
    assertEachBatchHoldsWholeRecordsOnce("t_out_", 20);
    assertEquals(20, broker.committed(group), "after the graceful stop every record's offset is committed");
  }

  /** Waits until the database holds records 1..n of the driver started last. */
  private interface RecordsAwait {
    void await(int n) throws InterruptedException;
  }

  /**
   * The SIGKILL scenario of both pipelines: records 1-20 written, a driver killed while 21-30 are
   * being written, 31-50 sent while none runs, then a second driver on the same checkpoint that
   * recovers and writes all 50 before its graceful stop.
   */
  private void killMidStreamAndRecover(String topic, List<String> args, RecordsAwait written)
      throws Exception {
    broker.createTopic(topic);
    broker.produce(topic, 1, 20);
    Launcher.Run first = start(args);
    written.await(20);
    broker.produce(topic, 21, 30);
    Thread.sleep(700); // a batch of these is being written: kill mid-stream
    first.kill(Duration.ofSeconds(30));
    broker.produce(topic, 31, 50); // while no driver runs
    Launcher.Run second = start(args);
    written.await(50);
    second.terminate(STOP_TIMEOUT);
    assertTrue(second.err().contains("recovered the job from checkpoint"), second.err());
  }

  private Launcher.Run lastStarted() {
    return started.get(started.size() - 1);
  }

  private List<String> args(String topic, String prefix, String... extra) {
    List<String> a = new ArrayList<>(List.of("--source", "kafka", "--topics", topic,
        "--brokers", broker.bootstrap(), "--group-id", topic + "-group",
        "--starting-offsets", "earliest", "--pipeline", "count", "--batch", "1s", "--no-print",
        "--db", postgres.url(), "--db-table-prefix", prefix,
        "--conf", postgres.credentials().toString()));
    a.addAll(List.of(extra));
    return a;
  }

  private Launcher.Run start(List<String> args) throws IOException {
    Launcher.Run run = Launcher.start(tmp, "run-wordcount", args.toArray(new String[0]));
    started.add(run);
    return run;
  }

  private List<String> rows(String sql) {
    try {
      return DbRows.query(postgres.url(), postgres.credentials(), sql);
    } catch (AssertionError e) {
      return List.of(); // the database is restarting, or the tables are not there yet
    }
  }

  /** Waits until the committed batches hold records 1..n; fails at once on a record twice. */
  private void awaitRecords(String prefix, int n, Launcher.Run driver) throws InterruptedException {
    Waits.until(WAIT_MS, () -> n + " records in committed batches\n" + driver.err(), () -> {
      List<String> r = rows("SELECT c.word, SUM(c.count) FROM " + prefix + "counts c JOIN "
          + prefix + "batches b ON b.batch_time = c.batch_time WHERE c.word LIKE 'r%'"
          + " GROUP BY c.word");
      for (String row : r) {
        assertEquals("1", row.split("\\|")[1], "a record counted twice: " + row);
      }
      return r.size() == n;
    });
  }

  /** Waits until the totals table holds records 1..n (and spark = n). */
  private void awaitTotals(String prefix, int n, Launcher.Run driver) throws InterruptedException {
    Waits.until(WAIT_MS, () -> n + " records in the totals\n" + driver.err(),
        () -> totals(prefix).getOrDefault("spark", 0L) == n);
  }

  private Map<String, Long> totals(String prefix) {
    Map<String, Long> t = new TreeMap<>();
    for (String row : rows("SELECT word, total FROM " + prefix + "totals")) {
      String[] f = row.split("\\|");
      t.put(f[0], Long.parseLong(f[1]));
    }
    return t;
  }

  private void assertEachBatchHoldsWholeRecordsOnce(String prefix, int n) {
    Map<Long, Map<String, Long>> byBatch = new TreeMap<>();
    for (String row : rows("SELECT batch_time, word, count FROM " + prefix + "counts")) {
      String[] f = row.split("\\|");
      byBatch.computeIfAbsent(Long.parseLong(f[0]), t -> new TreeMap<>())
          .put(f[1], Long.parseLong(f[2]));
    }
    Set<Long> committed = new TreeSet<>();
    for (String row : rows("SELECT batch_time FROM " + prefix + "batches")) {
      committed.add(Long.parseLong(row));
    }
    Set<String> seen = new TreeSet<>();
    for (Map.Entry<Long, Map<String, Long>> batch : byBatch.entrySet()) {
      assertTrue(committed.contains(batch.getKey()), "rows only of committed batches: " + batch);
      Map<String, Long> expected = new TreeMap<>();
      for (String w : batch.getValue().keySet()) {
        if (w.matches("r\\d+")) {
          assertTrue(seen.add(w), "record " + w + " in two batches: " + byBatch);
          expected.put(w, 1L);
        }
      }
      long records = expected.size();
      expected.put("spark", records);
      assertEquals(expected, batch.getValue(), "batch " + batch.getKey() + " holds whole records");
    }
    Set<String> all = new TreeSet<>();
    for (int k = 1; k <= n; k++) {
      all.add("r" + k);
    }
    assertEquals(all, seen, "every record in exactly one committed batch");
  }
}
