package dstream.wordcount.outputs.mongo;

import static dstream.wordcount.testing.Drivers.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.Drivers;
import dstream.wordcount.testing.DropFiles;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.MongoServer;
import dstream.wordcount.testing.NumberedFiles;
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
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exactly once into MongoDB across failures, for real: {@code bin/run-wordcount} on the files
 * source with {@code --checkpoint} and {@code --mongo}, the server of {@code bin/mongo-local}
 * stopped mid-stream (shorter than {@code mongo.retry-for}: nothing lost or doubled; longer: the
 * job fails with one line and the restart writes the batch), and the driver killed with SIGKILL
 * right after a file arrived, more files arriving while it is down, then restarted on its
 * checkpoint. A reader who follows the contract (documents of batches with a {@code batches}
 * document) then sees exactly the input. File k holds {@code "fk spark"} and
 * {@code "spark common"} ({@link NumberedFiles}).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class MongoKillRecoverTest {
  /** Bounds, not expectations: a driver starts in about 15 s on a quiet 2-core machine. */
  private static final long START_MS = 120_000;
  private static final long COUNTED_MS = 120_000;
  @RegisterExtension static final MongoServer mongo = new MongoServer();

  @TempDir Path tmp;
  private final Drivers drivers = new Drivers();

  @AfterEach
  void killLeftovers() {
    drivers.close();
  }

  @Test
  void countDocumentsAreExactlyOnceAcrossAnOutageAndAKilledDriver() throws Exception {
    Store db = new Store("killcount", true);
    DropFiles drop = drop();
    List<String> args = args("dstream", "count", db);
    Launcher.Run first = start(args);
    Waits.until(START_MS, () -> "the first committed batch" + log(first),
        () -> !mongo.documents(db.name, "batches").isEmpty());
    NumberedFiles.feed(drop, 1, 2);
    db.awaitExactly(2, first);
    // An outage shorter than the retry window: the batch waits (for the driver's server
    // selection, then in the retry loop) and is written once the server is back.
    mongo.stop();
    NumberedFiles.feed(drop, 3, 3);
    Thread.sleep(2_000);
    mongo.startAgain();
    db.awaitExactly(3, first);
    NumberedFiles.feed(drop, 4, 4);
    Thread.sleep(300); // file 4 is being listed or written: kill mid-stream
    first.kill(Duration.ofSeconds(30));
    NumberedFiles.feed(drop, 5, 6); // while no driver runs
    Launcher.Run second = start(args);
    db.awaitExactly(6, second);
    assertTrue(second.err().contains("recovered the job from checkpoint"), log(second));
    db.assertEachBatchHoldsWholeFilesOnce(6);
    // No graceful stop: what is committed is checked; @AfterEach kills the driver.
  }

  @Test
  void structuredTotalsAreExactAcrossALongOutageAndAKilledDriver() throws Exception {
    Store db = new Store("killtotals", false);
    DropFiles drop = drop();
    Path conf = Files.writeString(tmp.resolve("retry.properties"), "mongo.retry-for = 2s\n");
    List<String> args = new ArrayList<>(args("structured", "cumulative", db));
    args.addAll(List.of("--conf", conf.toString()));
    Launcher.Run first = start(args);
    // A micro-batch runs only when there is input: wait for the query instead.
    Waits.until(START_MS, () -> "the first driver's query" + log(first),
        () -> first.err().contains("watching " + tmp.resolve("in")));
    NumberedFiles.feed(drop, 1, 2);
    db.awaitExactly(2, first);
    mongo.stop(); // longer than mongo.retry-for: the micro-batch fails, and the query with it
    NumberedFiles.feed(drop, 3, 3);
    int exit;
    try {
      exit = first.await(90);
    } finally {
      mongo.startAgain();
    }
    assertEquals(1, exit, "the job fails" + log(first));
    assertTrue(first.err().contains("not written (no batches row)"), log(first));
    assertEquals(1, first.err().lines().filter(l -> l.startsWith("run-wordcount: job failed: "))
        .count(), "one line saying why" + log(first));
    assertEquals(NumberedFiles.totals(2), db.totals(), "the failed batch left no total");

    Launcher.Run second = start(args);
    db.awaitExactly(3, second); // the failed micro-batch, run again from the checkpoint
    NumberedFiles.feed(drop, 4, 4);
    Thread.sleep(300);
    second.kill(Duration.ofSeconds(30));
    NumberedFiles.feed(drop, 5, 5);
    Launcher.Run third = start(args);
    db.awaitExactly(5, third);
    assertTrue(third.err().contains("recovered the job from checkpoint"), log(third));
  }

  private DropFiles drop() throws IOException {
    return new DropFiles(tmp.resolve("staging"), Files.createDirectories(tmp.resolve("in")));
  }

  private List<String> args(String engine, String pipeline, Store db) {
    return List.of("--engine", engine, "--source", "files", "--dir", tmp.resolve("in").toString(),
        "--pipeline", pipeline, "--checkpoint", tmp.resolve("checkpoint").toString(),
        "--batch", "500ms", "--mongo", mongo.uri(db.name), "--no-print");
  }

  private Launcher.Run start(List<String> args) throws IOException {
    return drivers.start(tmp, args);
  }


  /** What the database says to a reader who follows the contract. */
  private record Store(String name, boolean perBatch) {
    /** Batch time to records, of the committed batches. */
    Map<Long, Long> committed() {
      Map<Long, Long> m = new TreeMap<>();
      for (Document d : mongo.documents(name, "batches")) {
        m.put(d.getLong("batch_time"), d.getLong("records"));
      }
      return m;
    }

    /** Totals: the totals collection, or the sum of the committed batches' counts. */
    Map<String, Long> totals() {
      Map<String, Long> m = new TreeMap<>();
      if (!perBatch) {
        mongo.documents(name, "totals").forEach(d -> m.put(d.getString("word"), d.getLong("total")));
        return m;
      }
      Set<Long> committed = committed().keySet();
      for (Document d : mongo.documents(name, "counts")) {
        if (committed.contains(d.getLong("batch_time"))) {
          m.merge(d.getString("word"), d.getLong("count"), Long::sum);
        }
      }
      return m;
    }

    /** Waits for the totals of files 1..n; fails at once when a word is above them. */
    void awaitExactly(int n, Launcher.Run driver) throws InterruptedException {
      NumberedFiles.awaitExactly(NumberedFiles.totals(n), this::totals, COUNTED_MS,
          () -> log(driver));
    }

    /** Every counts document in a committed batch, each file in exactly one batch, whole. */
    void assertEachBatchHoldsWholeFilesOnce(int files) {
      Map<Long, Map<String, Long>> byBatch = new TreeMap<>();
      for (Document d : mongo.documents(name, "counts")) {
        assertEquals(d.getLong("batch_time") + ":" + d.getString("word"), d.get("_id"));
        byBatch.computeIfAbsent(d.getLong("batch_time"), t -> new TreeMap<>())
            .put(d.getString("word"), d.getLong("count"));
      }
      NumberedFiles.assertEachBatchHoldsWholeFilesOnce(byBatch, committed(), files);
    }
  }
}
