package dstream.wordcount.engine.dstream;

import static dstream.wordcount.testing.Drivers.log;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two drivers on one {@code --checkpoint}, for real ({@code bin/run-wordcount} processes): while
 * the first runs, a second is refused at start, exit 2, in one line naming the first (host, pid,
 * start time), before it counts anything; the first is killed with SIGKILL, and a third starts on
 * the same checkpoint at once (the dead holder is seen on this machine, no lease to wait out),
 * recovers, and the totals are exact. The second driver runs the other engine: each runner takes
 * the same lock.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class TwoDriversTest {
  private static final long START_MS = 120_000;
  private static final long COUNTED_MS = 90_000;
  /** A refusal is one JVM start plus a lock file read: no Spark. */
  private static final long REFUSED_WITHIN_MS = 30_000;

  @TempDir Path tmp;

  private final Drivers drivers = new Drivers();

  @AfterEach
  void killLeftovers() {
    drivers.close();
  }

  @ParameterizedTest(name = "{0} holds, {1} is refused")
  @CsvSource({"structured, dstream"})
  void theSecondDriverIsRefusedAndAKilledOneFreesTheCheckpoint(String engine, String other)
      throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path checkpoint = tmp.resolve("checkpoint");
    Path out = Files.createDirectories(tmp.resolve("out")).resolve("result");
    DropFiles drop = new DropFiles(tmp.resolve("staging"), in);
    List<String> args = List.of("--source", "files", "--dir", in.toString(), "--pipeline",
        "cumulative", "--checkpoint", checkpoint.toString(), "--batch", "500ms", "--output",
        out.toString(), "--no-print");
    OutputTotals totals = new OutputTotals(out, false, COUNTED_MS);

    long begin = System.currentTimeMillis();
    Launcher.Run first = start(engine, args);
    Waits.until(START_MS, () -> "the first driver's start" + log(first),
        () -> first.err().contains("checkpointing to " + checkpoint));
    NumberedFiles.feed(drop, 1, 2);
    totals.awaitExactly(NumberedFiles.totals(2), NumberedFiles.totals(2), () -> log(first));

    long t0 = System.currentTimeMillis();
    Launcher.Run second = start(other, args);
    int exit = second.awaitExit(Duration.ofMillis(REFUSED_WITHIN_MS));
    long refusedMs = System.currentTimeMillis() - t0;
    String expected = "run-wordcount: --checkpoint " + checkpoint + " is in use by another driver"
        + " (host ";
    List<String> lines = second.err().lines().toList();
    assertEquals(2, exit, log(second));
    assertEquals(1, lines.stream().filter(l -> l.startsWith("run-wordcount:")).count(), log(second));
    String refusal = lines.get(lines.size() - 1);
    assertTrue(refusal.startsWith(expected) && refusal.contains(", pid " + first.process().pid()
        + ", started ") && refusal.endsWith("; stop that driver first, or pass another"
        + " --checkpoint directory"), "the refusal names the first driver" + log(second));
    assertFalse(second.err().contains("Exception"), "no stack trace" + log(second));
    System.err.printf("TwoDriversTest: refused in %d ms%n", refusedMs);

    phase("second driver refused", begin);
    first.kill(Duration.ofSeconds(30)); // SIGKILL: no release, the lock file says "running"
    NumberedFiles.feed(drop, 3, 3);
    Launcher.Run third = start(engine, args);
    totals.awaitExactly(NumberedFiles.totals(3), NumberedFiles.totals(3), () -> log(third));
    phase("third driver counted file 3", begin);
    assertTrue(third.err().contains("the driver that held it (host ")
        && third.err().contains("pid " + first.process().pid()), "took over from the killed driver"
        + log(third));
    assertFalse(third.err().contains("waiting up to"), "no lease waited for" + log(third));
    assertTrue(third.err().contains("recovered the job from checkpoint"), log(third));
    NumberedFiles.feed(drop, 4, 4);
    totals.awaitExactly(NumberedFiles.totals(4), NumberedFiles.totals(4), () -> log(third));
    assertEquals(143, third.terminate(Duration.ofSeconds(60)), log(third));
    phase("third driver stopped", begin);
    assertTrue(Files.readString(checkpoint.resolve(lockFile(checkpoint))).contains("state=stopped"),
        "a stop releases the lock");
  }

  /** Progress on the test log, so a slow run shows where the time went. */
  private static void phase(String what, long t0) {
    System.err.printf("TwoDriversTest: %s after %d ms%n", what, System.currentTimeMillis() - t0);
  }

  private static String lockFile(Path checkpoint) throws IOException {
    try (var files = Files.list(checkpoint)) {
      return files.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith("wordcount-lock.")).findFirst().orElseThrow();
    }
  }

  private Launcher.Run start(String engine, List<String> args) throws IOException {
    List<String> all = new ArrayList<>(List.of("--engine", engine));
    all.addAll(args);
    return drivers.start(tmp, all);
  }

}
