package dstream.wordcount.engine.dstream;

import static dstream.wordcount.testing.Drivers.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.Drivers;
import dstream.wordcount.testing.DropFiles;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.NumberedFiles;
import dstream.wordcount.testing.OutputTotals;
import dstream.wordcount.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The recovery promise, for real: a driver started with {@code bin/run-wordcount} runs a stateful
 * pipeline on the files source with {@code --checkpoint}; it is killed with SIGKILL right after a
 * file arrived, more files arrive while it is down, it is restarted on the same checkpoint and fed
 * the rest. The final totals equal the exact totals of all input: no file lost, none counted twice
 * (a count above what was fed so far fails at once).
 *
 * <p>File k holds {@code "fk spark"} and {@code "spark common"}: after files 1..n the totals are
 * fk = 1 for each k, spark = 2n and common = n, so a lost or doubled file shows in its own word.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class KillAndRecoverTest {
  private static final long START_MS = 120_000;
  private static final long COUNTED_MS = 90_000;

  @TempDir Path tmp;

  private final Drivers drivers = new Drivers();

  @AfterEach
  void killLeftovers() {
    drivers.close();
  }

  @ParameterizedTest(name = "{0} on {1}")
  @CsvSource({"cumulative, dstream", "state, dstream", "cumulative, structured",
      "state, structured"})
  void totalsSurviveAKilledDriver(String pipeline, String engine) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path out = Files.createDirectories(tmp.resolve("out")).resolve("result");
    DropFiles drop = new DropFiles(tmp.resolve("staging"), in);
    List<String> args = List.of("--engine", engine, "--source", "files", "--dir", in.toString(),
        "--pipeline", pipeline, "--checkpoint", tmp.resolve("checkpoint").toString(),
        "--batch", "500ms", "--output", out.toString(), "--no-print");
    OutputTotals totals = new OutputTotals(out, pipeline.equals("state"), COUNTED_MS);

    long t0 = System.currentTimeMillis();
    Launcher.Run first = start(args);
    if (engine.equals("dstream")) {
      Waits.until(START_MS, () -> "the first batch of the first driver" + log(first),
          () -> !totals.completeBatches().isEmpty());
    } else { // a micro-batch runs only when there is input: wait for the query instead
      Waits.until(START_MS, () -> "the first driver's query" + log(first),
          () -> first.err().contains("watching " + in));
    }
    phase(pipeline, "first driver's first batch", t0);
    NumberedFiles.feed(drop, 1, 2);
    totals.awaitExactly(NumberedFiles.totals(2), NumberedFiles.totals(2), () -> log(first));
    NumberedFiles.feed(drop, 3, 3);
    totals.awaitExactly(NumberedFiles.totals(3), NumberedFiles.totals(4), () -> log(first));
    NumberedFiles.feed(drop, 4, 4);
    Thread.sleep(300); // file 4 is being listed or counted: kill mid-stream
    first.kill(Duration.ofSeconds(30));
    phase(pipeline, "first driver killed", t0);

    NumberedFiles.feed(drop, 5, 6); // while no driver runs
    Launcher.Run second = start(args);
    totals.awaitExactly(NumberedFiles.totals(6), NumberedFiles.totals(6), () -> log(second));
    phase(pipeline, "second driver recovered files 1-6", t0);
    NumberedFiles.feed(drop, 7, 8);
    totals.awaitExactly(NumberedFiles.totals(8), NumberedFiles.totals(8), () -> log(second));
    second.terminate(Duration.ofSeconds(60)); // SIGTERM: a graceful stop
    phase(pipeline, "second driver stopped", t0);

    assertTrue(log(second).contains("recovered the job from checkpoint"),
        "the second driver recovered rather than started afresh" + log(second));
    assertEquals(NumberedFiles.totals(8), totals.current());
    for (Path batch : totals.allBatchDirs()) {
      assertTrue(Files.exists(batch.resolve("_SUCCESS")),
          "every batch written completely, the killed one rewritten on recovery: " + batch);
    }
  }

  /** Progress on the test log, so a slow CI run shows where the time went. */
  private static void phase(String pipeline, String what, long t0) {
    System.err.printf("KillAndRecoverTest %s: %s after %d ms%n",
        pipeline, what, System.currentTimeMillis() - t0);
  }

  private Launcher.Run start(List<String> args) throws IOException {
    return drivers.start(tmp, args);
  }

}
