package dstream.wordcount.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.sources.WordServer;
import dstream.wordcount.testing.BinProcess;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.OutputFiles;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Spark standalone cluster: {@code bin/local-cluster start} brings up a master
 * and two workers on loopback (free ports, a temporary cluster directory), and every job is a
 * {@code bin/run-wordcount --master spark://...} process, submitted with the application jar that
 * {@code mvn package} built (so this runs as a Failsafe integration test, after {@code package}).
 * Executors, the socket receiver included, run in the workers' executor JVMs.
 *
 * <p>The worker-loss test kills a worker, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LocalClusterIT {
  private static final Duration START_LIMIT = Duration.ofMinutes(3);
  private static final Duration JOB_LIMIT = Duration.ofMinutes(3);
  private static final List<String> CYCLE = WordServer.DEMO_LINES;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path tmp;

  private static Path clusterDir;
  private static String masterUrl;
  private static Map<String, String> env;
  private static Path noUiConf;

  @BeforeAll
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  static void startCluster() throws IOException {
    clusterDir = tmp.resolve("cluster");
    // Driver logs go to the test's directory, not the project's logs/.
    env = Map.of("WORDCOUNT_LOG_DIR", tmp.resolve("driver-logs").toString());
    noUiConf = tmp.resolve("no-ui.properties");
    Files.writeString(noUiConf, "spark.ui.enabled = false\n", StandardCharsets.UTF_8);
    int port = freePort();
    int webUi = freePort();
    BinProcess start = BinProcess.run(tmp, "cluster-start", env, START_LIMIT, "local-cluster",
        "start", "--workers", "2", "--cores", "2", "--memory", "1g",
        "--port", Integer.toString(port), "--webui-port", Integer.toString(webUi),
        "--dir", clusterDir.toString());
    assertEquals(0, start.exitCode(), start.describe());
    masterUrl = "spark://127.0.0.1:" + port;
    assertTrue(start.stdout().contains("Spark master: " + masterUrl), start.describe());

    BinProcess status = BinProcess.run(tmp, "cluster-status", env, START_LIMIT, "local-cluster",
        "status", "--dir", clusterDir.toString());
    assertEquals(0, status.exitCode(), status.describe());
    assertTrue(status.stdout().contains("2 registered"), status.describe());
  }

  @AfterAll
  static void stopCluster() throws IOException {
    if (clusterDir == null) {
      return;
    }
    try (BinProcess stop = BinProcess.start(tmp, "cluster-stop", env, "local-cluster",
        "stop", "--dir", clusterDir.toString())) {
      stop.waitFor(Duration.ofMinutes(1));
    } finally {
      killLeftovers(clusterDir);
    }
  }

  @Test
  @Order(0)
  void usageErrorsAndAMissingMasterExitCleanly() throws IOException {
    BinProcess usage = BinProcess.run(tmp, "usage", env, JOB_LIMIT, "run-wordcount",
        "--master", masterUrl, "--source", "replay", "--pipeline", "count");
    assertEquals(2, usage.exitCode(), usage.describe());
    assertEquals("run-wordcount: --source replay needs --input FILE: the file to replay",
        usage.stderr().strip(), usage.describe());

    BinProcess noMaster = BinProcess.run(tmp, "no-master", env, JOB_LIMIT, "run-wordcount",
        "--master", "spark://127.0.0.1:" + freePort(), "--source", "replay",
        "--input", write("one.txt", List.of("one line")).toString());
    assertEquals(1, noMaster.exitCode(), noMaster.describe());
    assertTrue(noMaster.stderr().contains("no Spark master answers at spark://127.0.0.1:"),
        noMaster.describe());

    BinProcess badWorkers = BinProcess.run(tmp, "bad-workers", env, JOB_LIMIT, "local-cluster",
        "start", "--workers", "two", "--dir", tmp.resolve("unused").toString());
    assertEquals(2, badWorkers.exitCode(), badWorkers.describe());
    assertEquals("local-cluster: --workers must be a whole number between 1 and 16 (got 'two')",
        badWorkers.stderr().strip());
  }

  @Test
  @Order(1)
  void replayCountsAreExactOnTheCluster() throws IOException {
    Path input = write("replay.txt", List.of(
        "spark streaming dstream", "spark spark streaming",
        "big data spark", "cluster of workers",
        "workers run executors", "executors run tasks"));
    Path out = Files.createDirectories(tmp.resolve("replay-out")).resolve("counts");
    try (BinProcess job = submit("replay-count", "--conf", noUiConf.toString(),
        "--source", "replay", "--input", input.toString(), "--lines-per-batch", "2",
        "--batch", "500ms", "--pipeline", "count", "--output", out.toString(), "--no-print")) {
      assertEquals(0, job.waitFor(JOB_LIMIT), job.describe());
    }
    List<List<String>> batches = new ArrayList<>(OutputFiles.read(out).values());
    assertTrue(batches.size() >= 3, "the three input batches: " + batches);
    assertEquals(Map.of("spark", 3L, "streaming", 2L, "dstream", 1L), Counts.parse(batches.get(0)));
    assertEquals(Map.of("big", 1L, "data", 1L, "spark", 1L, "cluster", 1L, "of", 1L, "workers", 1L),
        Counts.parse(batches.get(1)));
    assertEquals(Map.of("workers", 1L, "run", 2L, "executors", 2L, "tasks", 1L),
        Counts.parse(batches.get(2)));
    for (List<String> after : batches.subList(3, batches.size())) {
      assertEquals(List.of(), after, "batches after the input are empty");
    }
  }

  @Test
  @Order(2)
  void socketReceiverOnAnExecutorCountsEveryWordSent() throws Exception {
    int lines = 300; // 100 rounds of the three demo lines
    int uiPort = freePort();
    Path out = Files.createDirectories(tmp.resolve("socket-out")).resolve("counts");
    try (WordServer server = new WordServer(CYCLE, 0, lines, msg -> { });
        BinProcess job = submit("socket-count",
            "--source", "socket", "--host", "127.0.0.1", "--port", Integer.toString(server.start(0)),
            "--pipeline", "count", "--batch", "500ms", "--output", out.toString(), "--no-print",
            "--ui-port", Integer.toString(uiPort), "--duration", "170s")) {
      // The receiver connects from its executor and gets `lines` lines, then the server closes
      // the connection; closing the server too keeps the receiver's reconnects from getting more.
      await("the receiver to read " + lines + " lines", job, () -> server.linesSent() >= lines);
      server.close();
      Map<String, Long> expected = Map.of(
          "spark", 400L, "streaming", 200L, "dstream", 100L, "big", 100L, "data", 100L);
      await("the counts of every line sent", job, () -> expected.equals(totals(out)));

      // The Spark UI of a CLI run: the address printed at start, the Streaming tab, and the
      // receiver placed on an executor rather than the driver.
      String ui = "http://127.0.0.1:" + uiPort;
      assertTrue(job.stderr().contains("Spark UI: " + ui), job.describe());
      assertEquals(200, get(ui + "/streaming/").statusCode());
      String apps = get(ui + "/api/v1/applications").body();
      Matcher id = Pattern.compile("\"id\" : \"([^\"]+)\"").matcher(apps);
      assertTrue(id.find(), apps);
      String receivers = get(ui + "/api/v1/applications/" + id.group(1) + "/streaming/receivers").body();
      Matcher executor = Pattern.compile("\"executorId\" : \"([^\"]+)\"").matcher(receivers);
      assertTrue(executor.find(), receivers);
      assertFalse(executor.group(1).equals("driver"), "receiver on an executor: " + receivers);

      job.terminate(); // SIGTERM: the graceful stop of Ctrl-C
      job.waitFor(Duration.ofMinutes(1));
      assertEquals(lines, server.linesSent(), "no second connection got lines");
      assertEquals(expected, totals(out), "nothing counted twice after the stop");
    }
  }

  @Test
  @Order(3)
  void jobSurvivesLosingAWorker() throws Exception {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      input.addAll(CYCLE);
    }
    Path out = Files.createDirectories(tmp.resolve("loss-out")).resolve("counts");
    try (BinProcess job = submit("worker-loss", "--conf", noUiConf.toString(),
        "--source", "replay", "--input", write("loss.txt", input).toString(),
        "--lines-per-batch", "2", "--batch", "500ms", "--pipeline", "count",
        "--output", out.toString(), "--no-print")) {
      await("a few batches before the kill", job, () -> OutputFiles.read(out).size() >= 4);
      long victim = Long.parseLong(Files.readString(clusterDir.resolve("worker-2.pid")).trim());
      ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
      assertEquals(0, job.waitFor(JOB_LIMIT), job.describe());
      assertTrue(job.stderr().contains("Lost executor"), "an executor was lost: " + job.describe());
    }
    assertTrue(OutputFiles.read(out).size() >= 30, "all 30 input batches were written");
    assertEquals(Map.of("spark", 80L, "streaming", 40L, "dstream", 20L, "big", 20L, "data", 20L),
        totals(out));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static BinProcess submit(String label, String... args) {
    List<String> all = new ArrayList<>(List.of("--master", masterUrl));
    all.addAll(List.of(args));
    return BinProcess.start(tmp, label, env, "run-wordcount", all.toArray(new String[0]));
  }

  /** Word totals over every batch written under {@code prefix}. */
  private static Map<String, Long> totals(Path prefix) {
    Map<String, Long> sum = new TreeMap<>();
    for (List<String> batch : OutputFiles.read(prefix).values()) {
      Counts.parse(batch).forEach((w, n) -> sum.merge(w, n, Long::sum));
    }
    return sum;
  }

  /** Polls {@code condition} while the job runs; fails when the job ends first or after 2 min. */
  private static void await(String what, BinProcess job, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!condition.getAsBoolean()) {
      if (!job.isAlive()) {
        throw new AssertionError("job ended while waiting for " + what + ": " + job.describe());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + ": " + job.describe());
      }
      Thread.sleep(200);
    }
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static Path write(String name, List<String> lines) throws IOException {
    return Files.write(tmp.resolve(name), lines, StandardCharsets.UTF_8);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Whatever survived {@code local-cluster stop}: each daemon from its pid file, with its executors. */
  private static void killLeftovers(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Path> pidFiles;
    try (Stream<Path> files = Files.list(dir)) {
      pidFiles = files.filter(p -> p.getFileName().toString().endsWith(".pid")).toList();
    }
    for (Path pidFile : pidFiles) {
      ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()))
          .filter(p -> p.info().commandLine().orElse("").contains("org.apache.spark.deploy"))
          .ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
          });
    }
  }

}
