package dstream.wordcount.outputs.db;

import static dstream.wordcount.testing.Drivers.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.core.CheckpointSettings;
import dstream.wordcount.testing.DbRows;
import dstream.wordcount.testing.Drivers;
import dstream.wordcount.testing.DropFiles;
import dstream.wordcount.testing.NumberedFiles;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.PostgresServer;
import dstream.wordcount.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once across a killed driver, for real: {@code bin/run-wordcount} on the files source
 * with {@code --checkpoint} and {@code --db} is killed with SIGKILL right after a file arrived,
 * more files arrive while it is down, it is restarted on the same checkpoint and fed the rest.
 * Then the database holds exactly the input: {@code totals} equal the input's totals, and the
 * {@code counts} rows of every committed batch are exactly the files that batch read, no file in
 * two batches, none missing, and no row outside a committed batch.
 *
 * <p>File k holds {@code "fk spark"} and {@code "spark common"}, so a batch that read the files
 * F has fk = 1 for k in F, spark = 2|F| and common = |F|.
 */
@Timeout(value = 900, unit = TimeUnit.SECONDS)
class DbKillRecoverTest {
  private static final long START_MS = 240_000;
  /**
   * Generous: after the restart the recovered job first runs every batch it missed while down
   * (a minute of downtime on a busy 2-core machine is 60 of them), each writing to the database.
   */
  private static final long COUNTED_MS = 240_000;
  private static PostgresServer postgres;

  @TempDir Path tmp;

  private final Drivers drivers = new Drivers();

  @AfterEach
  void killLeftovers() {
    drivers.close();
  }

  @AfterAll
  static void stopPostgres() {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void cumulativeTotalsAreExactAfterAKilledDriverOnSqlite() throws Exception {
    String url = "jdbc:sqlite:" + tmp.resolve("db/results.db");
    killAndRecover("dstream", "cumulative", url, url, null);
  }

  /** The same on the structured engine: the micro-batch in flight is written again, once. */
  @Test
  void cumulativeTotalsAreExactAfterAKilledStructuredDriverOnSqlite() throws Exception {
    String url = "jdbc:sqlite:" + tmp.resolve("db/results.db");
    killAndRecover("structured", "cumulative", url, url, null);
  }

  @Test
  void countRowsAreExactlyOncePerBatchAfterAKilledDriverOnPostgres() throws Exception {
    postgres = PostgresServer.start();
    Properties cred = new Properties();
    try (var r = Files.newBufferedReader(postgres.credentials())) {
      cred.load(r);
    }
    String password = cred.getProperty("db.password");
    // Credentials in the URL this time: they must not reach the checkpoint record or the logs.
    String withCredentials = postgres.url() + "?user=wordcount&password=" + password;
    killAndRecover("dstream", "count", withCredentials, postgres.url(), postgres.credentials());
    Path record = tmp.resolve("checkpoint").resolve(CheckpointSettings.FILE_NAME);
    String settings = Files.readString(record);
    assertTrue(settings.contains("db=" + postgres.url().replace(":", "\\:")), settings);
    assertFalse(settings.contains(password), "no password in the settings record: " + settings);
    for (Launcher.Run run : drivers.started()) {
      assertFalse(run.err().contains(password) || run.out().contains(password),
          "no password in the driver's output");
    }
    try (Stream<Path> logs = Files.walk(tmp.resolve("logs"))) {
      for (Path log : logs.filter(Files::isRegularFile).toList()) {
        assertFalse(Files.readString(log).contains(password), "no password in " + log);
      }
    }
  }

  private void killAndRecover(String engine, String pipeline, String dbArg, String url,
      Path credentials) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    DropFiles drop = new DropFiles(tmp.resolve("staging"), in);
    List<String> args = List.of("--engine", engine, "--source", "files", "--dir", in.toString(),
        "--pipeline", pipeline, "--checkpoint", tmp.resolve("checkpoint").toString(),
        "--batch", "1s", "--db", dbArg, "--no-print");
    Db db = new Db(url, credentials, pipeline.equals("count"));

    Launcher.Run first = start(args);
    if (engine.equals("dstream")) {
      Waits.until(START_MS, () -> "the first committed batch" + log(first),
          () -> db.committedBatches() > 0);
    } else { // a micro-batch runs only when there is input: wait for the query instead
      Waits.until(START_MS, () -> "the first driver's query" + log(first),
          () -> first.err().contains("watching " + in));
    }
    NumberedFiles.feed(drop, 1, 2);
    db.awaitExactly(NumberedFiles.totals(2), () -> log(first));
    NumberedFiles.feed(drop, 3, 3);
    db.awaitExactly(NumberedFiles.totals(3), () -> log(first));
    NumberedFiles.feed(drop, 4, 4);
    Thread.sleep(300); // file 4 is being listed or written: kill mid-stream
    first.kill(Duration.ofSeconds(30));

    NumberedFiles.feed(drop, 5, 6); // while no driver runs
    Launcher.Run second = start(args);
    db.awaitExactly(NumberedFiles.totals(6), () -> log(second));
    NumberedFiles.feed(drop, 7, 8);
    db.awaitExactly(NumberedFiles.totals(8), () -> log(second));
    second.terminate(Duration.ofSeconds(240));

    assertTrue(log(second).contains("recovered the job from checkpoint"),
        "the second driver recovered rather than started afresh" + log(second));
    assertEquals(NumberedFiles.totals(8), db.totals());
    if (pipeline.equals("count")) {
      db.assertEachBatchHoldsWholeFilesOnce(8);
    } else {
      long lastCommitted = Long.parseLong(
          DbRows.query(url, credentials, "SELECT MAX(batch_time) FROM wordcount_batches").get(0));
      for (String row : DbRows.query(url, credentials,
          "SELECT batch_time FROM wordcount_totals")) {
        assertTrue(Long.parseLong(row) <= lastCommitted,
            "after a stop no total is newer than the last committed batch");
      }
    }
  }

  private Launcher.Run start(List<String> args) throws IOException {
    return drivers.start(tmp, args);
  }


  /** What the database says, as a reader following the contract (committed batches only). */
  private record Db(String url, Path credentials, boolean perBatch) {
    private List<String> rows(String sql) {
      try {
        return DbRows.query(url, credentials, sql);
      } catch (AssertionError e) {
        return null; // tables not created yet, or the file is being created: look again
      }
    }

    long committedBatches() {
      List<String> r = rows("SELECT COUNT(*) FROM wordcount_batches");
      return r == null ? 0 : Long.parseLong(r.get(0));
    }

    /** Totals: the totals table, or the sum of the committed batches' counts. */
    Map<String, Long> totals() {
      List<String> r = perBatch
          ? rows("SELECT c.word, SUM(c.count) FROM wordcount_counts c JOIN wordcount_batches b"
              + " ON b.batch_time = c.batch_time GROUP BY c.word")
          : rows("SELECT word, total FROM wordcount_totals");
      Map<String, Long> m = new TreeMap<>();
      if (r != null) {
        for (String row : r) {
          String[] f = row.split("\\|");
          m.put(f[0], Long.parseLong(f[1]));
        }
      }
      return m;
    }

    /** Waits for {@code target}; fails at once when any word is above it (counted twice). */
    void awaitExactly(Map<String, Long> target, java.util.function.Supplier<String> log)
        throws InterruptedException {
      NumberedFiles.awaitExactly(target, this::totals, COUNTED_MS, log);
    }

    void assertEachBatchHoldsWholeFilesOnce(int files) {
      Map<Long, Map<String, Long>> byBatch = new TreeMap<>();
      for (String row : rows("SELECT batch_time, word, count FROM wordcount_counts")) {
        String[] f = row.split("\\|");
        byBatch.computeIfAbsent(Long.parseLong(f[0]), t -> new TreeMap<>())
            .put(f[1], Long.parseLong(f[2]));
      }
      Map<Long, Long> committed = new TreeMap<>();
      for (String row : rows("SELECT batch_time, records FROM wordcount_batches")) {
        String[] f = row.split("\\|");
        committed.put(Long.parseLong(f[0]), Long.parseLong(f[1]));
      }
      NumberedFiles.assertEachBatchHoldsWholeFilesOnce(byBatch, committed, files);
    }
  }
}
