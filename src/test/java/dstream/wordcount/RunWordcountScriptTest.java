package dstream.wordcount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.OutputFiles;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/run-wordcount} end to end, as separate processes, the way the README uses it. */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RunWordcountScriptTest {
  @TempDir Path tmp;

  @Test
  void replayWritesExactCountsPerBatchAndStopsByItself() throws Exception {
    Path input = tmp.resolve("input.txt");
    Files.write(input, List.of("spark streaming dstream", "spark spark streaming", "big data spark",
        "one more line", "more"), StandardCharsets.UTF_8);
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--source", "replay",
        "--input", input.toString(), "--lines-per-batch", "2", "--pipeline", "count",
        "--batch", "300ms", "--output", "out/wc")) {
      assertEquals(0, run.await(120), run.err());
      SortedMap<Long, List<String>> batches = OutputFiles.read(tmp.resolve("out/wc"));
      List<Map<String, Long>> counts = new ArrayList<>();
      batches.values().forEach(b -> counts.add(Counts.parse(b)));
      assertEquals(Map.of("spark", 3L, "streaming", 2L, "dstream", 1L), counts.get(0));
      assertEquals(Map.of("big", 1L, "data", 1L, "spark", 1L, "one", 1L, "more", 1L, "line", 1L),
          counts.get(1));
      assertEquals(Map.of("more", 1L), counts.get(2));
      counts.subList(3, counts.size()).forEach(c -> assertEquals(Map.of(), c));
      for (Long time : batches.keySet()) {
        assertTrue(Files.exists(tmp.resolve("out/wc-" + time + ".txt/_SUCCESS")), "complete batch " + time);
      }
      assertTrue(run.out().contains("(spark,3)\n(streaming,2)\n(dstream,1)\n"),
          "console shows counts by count then word:\n" + run.out());
    }
  }

  @Test
  void sigtermStopsGracefullyWithEveryBatchComplete() throws Exception {
    Path input = tmp.resolve("long.txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      lines.add("line " + i + " of the long input");
    }
    Files.write(input, lines, StandardCharsets.UTF_8);
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--source", "replay",
        "--input", input.toString(), "--lines-per-batch", "1", "--batch", "200ms",
        "--output", "out/long", "--no-print")) {
      long deadline = System.currentTimeMillis() + 60_000;
      while (OutputFiles.read(tmp.resolve("out/long")).size() < 3 && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      run.process().destroy(); // SIGTERM, what Ctrl-C and service managers send
      int code = run.await(60);
      assertEquals(143, code, "exit status of a JVM stopped by SIGTERM:\n" + run.err());
      SortedMap<Long, List<String>> batches = OutputFiles.read(tmp.resolve("out/long"));
      assertTrue(batches.size() >= 3 && batches.size() < 400, "stopped mid-input: " + batches.size());
      long counted = 0;
      for (Map.Entry<Long, List<String>> b : batches.entrySet()) {
        assertTrue(Files.exists(tmp.resolve("out/long-" + b.getKey() + ".txt/_SUCCESS")),
            "batch " + b.getKey() + " is complete");
        counted += Counts.parse(b.getValue()).getOrDefault("long", 0L);
      }
      assertEquals(batches.size(), counted, "one input line per finished batch, none half-written");
    }
  }

  @Test
  void defaultRunCountsTheDemoMessages() throws Exception {
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--duration", "5s")) {
      assertEquals(0, run.await(120), run.err());
      String out = run.out();
      assertTrue(out.contains("Time: "), out);
      assertTrue(out.contains("(spark,"), out);
      assertTrue(run.err().contains("demo source: built-in server on 127.0.0.1:"), run.err());
      assertTrue(run.err().contains("INFO  JobRunner: stopped: 0 generated batches not processed\n"),
          run.err());
      assertFalse(run.err().contains("lag: falling behind"), "no lag warning in a normal run"
          + run.err());
    }
  }

  @Test
  void socketWithNothingListeningSaysHowToStartAServer() throws Exception {
    // A bound socket that does not listen: connections to its port are refused, and no server
    // (the driver binds its own RPC and block manager servers to port 0) can take the port while
    // the test runs, as it can a closed probe's. Once in CI the receiver saw no refusal at all.
    try (Socket refusing = new Socket()) {
      refusing.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = refusing.getLocalPort();
      refusedConnectionIsSaidOnce(port);
    }
  }

  private void refusedConnectionIsSaidOnce(int port) throws Exception {
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--source", "socket",
        "--port", Integer.toString(port), "--batch", "500ms", "--duration", "8s")) {
      String hint = "socket source: Error connecting to localhost:" + port
          + ": nothing accepts connections there. Start a line server, e.g. `nc -lk " + port
          + "` or `bin/word-server --port " + port + "`; Spark retries every 2 s.";
      assertTrue(run.awaitOutput(hint, 60), run.err());
      assertEquals(0, run.await(60), run.err());
      assertEquals(1, run.err().split(java.util.regex.Pattern.quote(hint), -1).length - 1,
          "said once per outage:\n" + run.err());
      assertTrue(!run.err().contains("\tat "), "no stack trace:\n" + run.err());
    }
  }

  @Test
  void usageErrorIsOneLineAndExitTwo() throws Exception {
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--batch", "soon")) {
      assertEquals(2, run.await(60));
      assertEquals("run-wordcount: --batch: 'soon' is not a duration; write e.g. 500ms, 2s or 1m\n",
          run.err());
    }
  }

  @Test
  void confFileFlowControlAndSparkMasterAreCheckedByTheLauncher() throws Exception {
    Path rate = Files.writeString(tmp.resolve("rate.properties"), "spark.streaming.receiver.maxRate = -5\n");
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--conf", rate.toString())) {
      assertEquals(2, run.await(60), run.err());
      assertEquals("run-wordcount: conf key spark.streaming.receiver.maxRate=-5: give a whole number"
          + " of records per second, at least 1\n", run.err());
    }
    // The launcher reads spark.master as it reads master: a URL that is none is its own refusal.
    Path master = Files.writeString(tmp.resolve("master.properties"), "spark.master = nowhere\n");
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--conf", master.toString())) {
      assertEquals(2, run.await(60), run.err());
      assertEquals("run-wordcount: --master 'nowhere' is not a master URL: use local[N],"
          + " spark://HOST:PORT, yarn or k8s://https://HOST:PORT\n", run.err());
    }
  }

  /** Sends {@code signal} (e.g. INT, HUP) to the driver's JVM, which the launcher exec'ed. */
  private static void signal(Launcher.Run run, String signal) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(run.process().pid()))
        .inheritIO().start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
  }

  @Test
  void ctrlCDuringStartUpIsOneLineAndTheSignalsExitCode() throws Exception {
    for (String engine : new String[] {"dstream", "structured"}) {
      try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--engine", engine,
          "--duration", "60s")) {
        // The runner's first line: the driver is past parsing and about to start Spark, which
        // takes seconds, so the signal lands in the start-up (where "2 s after the start" did).
        assertTrue(run.awaitOutput("INFO  ", 60), run.err());
        long sent = System.nanoTime();
        signal(run, "INT");
        assertEquals(130, run.await(60), run.err());
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - sent);
        assertTrue(seconds < 20, engine + ": ended " + seconds + " s after the signal");
        List<String> lines = run.err().lines().filter(l -> !l.contains(" INFO  ")).toList();
        assertEquals(List.of("run-wordcount: stopped during start-up; nothing was processed"), lines,
            engine + ":\n" + run.err());
      }
    }
  }

  @Test
  void aRefusalOnTheLiveContextStaysOneLineAtExit() throws Exception {
    // Refused after Spark started (the query is checked in the run's session), then System.exit(2):
    // the start-up guard's hook must not speak at that exit.
    Path input = Files.writeString(tmp.resolve("in.txt"), "a b\n");
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--source", "replay", "--input",
        input.toString(), "--pipeline", "sql", "--query", "CREATE TABLE t AS SELECT 1")) {
      assertEquals(2, run.await(120), run.err());
      // (The WARN that the sql session reuses the job's SparkContext is every sql run's.)
      List<String> lines = run.err().lines()
          .filter(l -> !l.contains(" INFO  ") && !l.contains("WARN  SparkContext: Using an existing"))
          .toList();
      assertEquals(List.of("run-wordcount: --query: this is a command (CreateTableAsSelect), not a"
          + " query: give a SELECT or WITH over the views lines and words; commands are refused"
          + " before anything runs"), lines, run.err());
      assertFalse(Files.exists(tmp.resolve("spark-warehouse")), "nothing was created");
    }
  }

  @Test
  void sighupStopsGracefullyWithExitCode129() throws Exception {
    Path input = tmp.resolve("long.txt");
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      lines.add("line " + i);
    }
    Files.write(input, lines, StandardCharsets.UTF_8);
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--source", "replay",
        "--input", input.toString(), "--lines-per-batch", "1", "--batch", "200ms", "--no-print")) {
      assertTrue(run.awaitOutput("INFO  batches: batch ", 120), run.err());
      signal(run, "HUP");
      assertEquals(129, run.await(90), run.err());
      // The graceful stop's last line (how many batches it left depends on the machine's load).
      assertTrue(run.err().contains(": stopped: "), run.err());
    }
  }

  @Test
  void wordServerUsageErrorIsOneLineAndExitTwo() throws Exception {
    try (Launcher.Run run = Launcher.start(tmp, "word-server", "--port", "70000")) {
      assertEquals(2, run.await(60));
      assertEquals("word-server: --port must be between 0 and 65535 (got '70000')\n", run.err());
    }
  }

  @Test
  void helpListsEveryOptionWithItsDefault() throws Exception {
    try (Launcher.Run run = Launcher.start(tmp, "run-wordcount", "--help")) {
      assertEquals(0, run.await(60), run.err());
      String out = run.out();
      for (String option : List.of("--source", "--pipeline", "--master", "--batch", "--duration",
          "--output", "--no-print", "--checkpoint", "--tokenizer", "--min-length", "--match",
          "--window", "--slide", "--top", "--host", "--port", "--input", "--lines-per-batch",
          "--dir", "--brokers", "--topics", "--group-id", "--starting-offsets", "--conf", "--help")) {
        assertTrue(out.contains(option), option + " in\n" + out);
      }
      assertTrue(out.contains("(default: local[2])"), out);
      assertTrue(out.contains("(default: 1000)"), out);
    }
  }
}
