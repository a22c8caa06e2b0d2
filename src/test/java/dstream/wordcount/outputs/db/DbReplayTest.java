package dstream.wordcount.outputs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.testing.DbRows;
import dstream.wordcount.testing.PostgresServer;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact rows of every pipeline family (counts, totals, numbers, lines, stats) after a replay run
 * with {@code --db}, on a real SQLite file and on a real PostgreSQL started by
 * {@code bin/postgres-local}. The replay also writes text files; their batch times are the batch
 * times the database must hold, one {@code batches} row each.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class DbReplayTest {
  private static final AtomicInteger RUNS = new AtomicInteger();
  private static SharedSpark spark;
  private static PostgresServer postgres;

  @TempDir Path tmp;

  @BeforeAll
  static void startSpark() {
    spark = new SharedSpark("DbReplayTest");
  }

  @AfterAll
  static void stopAll() {
    spark.close();
    if (postgres != null) {
      postgres.close();
    }
  }

  /** Where one run writes: its URL, credentials and a table prefix of its own. */
  private record Target(String url, Path credentials, String prefix) {
    List<String> rows(String sqlWithP) {
      return DbRows.query(url, credentials, sqlWithP.replace("P_", prefix));
    }
  }

  private Target target(String db) {
    String prefix = "t" + RUNS.incrementAndGet() + "_";
    if (db.equals("sqlite")) {
      return new Target("jdbc:sqlite:" + tmp.resolve("dbs/results.db"), null, prefix);
    }
    if (postgres == null) {
      postgres = PostgresServer.start();
    }
    return new Target(postgres.url(), postgres.credentials(), prefix);
  }

  /** Replays {@code lines} into {@code t}; returns the batch times of the file output. */
  private List<Long> replay(Target t, List<String> lines, int perBatch, String... extra)
      throws Exception {
    List<String> args = new ArrayList<>(List.of(extra));
    args.addAll(List.of("--db", t.url(), "--db-table-prefix", t.prefix()));
    if (t.credentials() != null) {
      args.addAll(List.of("--conf", t.credentials().toString()));
    }
    SortedMap<Long, List<String>> files =
        Replays.run(spark, tmp, lines, perBatch, args.toArray(new String[0]));
    return new ArrayList<>(files.keySet());
  }

  /** The batches rows expected: one per output batch, with the records written. */
  private static List<String> batches(List<Long> times, String pipeline, long... records) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < times.size(); i++) {
      long r = i < records.length ? records[i] : records[records.length - 1];
      rows.add(times.get(i) + "|" + pipeline + "|" + r);
    }
    return rows;
  }

  private static final String BATCHES =
      "SELECT batch_time, pipeline, records FROM P_batches ORDER BY batch_time";

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void countWritesEachBatchsWords(String db) throws Exception {
    Target t = target(db);
    List<Long> times = replay(t, List.of(
        "spark streaming dstream", "spark spark streaming", "big data spark", "  "), 2,
        "--pipeline", "count");
    assertEquals(batches(times, "count", 3, 3, 0), t.rows(BATCHES));
    long t0 = times.get(0);
    long t1 = times.get(1);
    assertEquals(List.of(
        t0 + "|dstream|1", t0 + "|spark|3", t0 + "|streaming|2",
        t1 + "|big|1", t1 + "|data|1", t1 + "|spark|1"),
        t.rows("SELECT batch_time, word, count FROM P_counts ORDER BY batch_time, word"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void topWritesTheWindowsRanking(String db) throws Exception {
    Target t = target(db);
    List<Long> times = replay(t, List.of("b a c c", "b b d"), 1,
        "--pipeline", "top", "--top", "2", "--window", "400ms", "--slide", "400ms");
    assertEquals(batches(times, "top", 2, 0), t.rows(BATCHES));
    assertEquals(List.of(times.get(0) + "|b|3", times.get(0) + "|c|2"),
        t.rows("SELECT batch_time, word, count FROM P_counts ORDER BY batch_time, word"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void cumulativeKeepsTheLatestTotals(String db) throws Exception {
    Target t = target(db);
    List<Long> times = replay(t, List.of("a b", "a", "", "c a"), 1, "--pipeline", "cumulative");
    assertEquals(batches(times, "cumulative", 2, 2, 2, 3), t.rows(BATCHES));
    long last = times.get(times.size() - 1);
    assertEquals(List.of("a|3|" + last, "b|1|" + last, "c|1|" + last),
        t.rows("SELECT word, total, batch_time FROM P_totals ORDER BY word"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void stateKeepsEachWordsLatestTotalAndWhenItChanged(String db) throws Exception {
    Target t = target(db);
    List<Long> times = replay(t, List.of("a b", "a a c", "", "b"), 1, "--pipeline", "state");
    assertEquals(batches(times, "state", 2, 2, 0, 1, 0), t.rows(BATCHES));
    assertEquals(List.of("a|3|" + times.get(1), "b|2|" + times.get(3), "c|1|" + times.get(1)),
        t.rows("SELECT word, total, batch_time FROM P_totals ORDER BY word"));
    assertEquals(List.of(), t.rows("SELECT batch_time, word, total FROM P_evictions"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void errorsWritesOneNumberPerWindowWithItsAlert(String db) throws Exception {
    Target t = target(db);
    List<Long> times = replay(t, List.of(
        "ERROR disk full", "INFO ok",
        "ERROR again", "ERROR third",
        "WARN slow", "INFO fine"), 2,
        "--pipeline", "errors", "--window", "400ms", "--slide", "400ms", "--alert-above", "2");
    assertEquals(batches(times, "errors", 1), t.rows(BATCHES));
    List<String> expected = new ArrayList<>();
    expected.add(times.get(0) + "|3|true"); // batches 1-2
    expected.add(times.get(1) + "|0|false"); // batch 3
    for (long later : times.subList(2, times.size())) {
      expected.add(later + "|0|false");
    }
    assertEquals(expected, t.rows("SELECT batch_time, value,"
        + " CASE WHEN alert THEN 'true' ELSE 'false' END FROM P_numbers ORDER BY batch_time"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void grepWritesTheLinesInOrder(String db) throws Exception {
    Target t = target(db);
    List<Long> times = replay(t, List.of("ERROR a", "x ERROR b", "ok", "ERROR c"), 2,
        "--pipeline", "grep");
    assertEquals(batches(times, "grep", 2, 1, 0), t.rows(BATCHES));
    long t0 = times.get(0);
    assertEquals(List.of(t0 + "|0|ERROR a", t0 + "|1|x ERROR b", times.get(1) + "|0|ERROR c"),
        t.rows("SELECT batch_time, seq, line FROM P_lines ORDER BY batch_time, seq"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"sqlite", "postgresql"})
  void statsWritesOneSummaryPerBatch(String db) throws Exception {
    Target t = target(db);
    List<Long> times = replay(t, List.of(
        "spark streaming dstream", "spark spark streaming", "big data spark", ""), 2,
        "--pipeline", "stats");
    assertEquals(batches(times, "stats", 1), t.rows(BATCHES));
    List<String> expected = new ArrayList<>(List.of(
        times.get(0) + "|2|6|3|2.00|3|1|spark|dstream",
        times.get(1) + "|2|3|3|1.00|1|1|big,data,spark|big,data,spark"));
    for (long later : times.subList(2, times.size())) {
      expected.add(later + "|0|0|0|0.00|0|0||");
    }
    assertEquals(expected, t.rows("SELECT batch_time, lines, words, distinct_words, mean, max,"
        + " min, max_words, min_words FROM P_stats ORDER BY batch_time"));
  }
}
