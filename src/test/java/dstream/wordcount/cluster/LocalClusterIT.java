package dstream.wordcount.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.sources.WordServer;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.Launcher;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.SparkBuilds;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on a real Spark standalone cluster: {@code bin/local-cluster start} brings up a master
 * and two workers on loopback (free ports, a temporary cluster directory), and every job is a
 * {@code bin/run-wordcount --master spark://...} process, submitted with the application jar that
 * {@code mvn package} built (so this runs as a Failsafe integration test, after {@code package}).
 * The cluster and the jar are those of the Spark line under test (WORDCOUNT_SPARK, set by the
 * profile); the other line's jar, submitted to this cluster, is refused.
 * Executors, the socket receiver included, run in the workers' executor JVMs.
 *
 * <p>The worker-loss test kills a worker, so it runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class LocalClusterIT {
  private static final long START_LIMIT_S = 180;
  private static final long JOB_LIMIT_S = 180;
  private static final List<String> CYCLE = WordServer.DEMO_LINES;
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path tmp;

  private static Path clusterDir;
  private static String masterUrl;

  @BeforeAll
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  static void startCluster() throws Exception {
    clusterDir = tmp.resolve("cluster");
    int port = freePort();
    int webUi = freePort();
    try (Launcher.Run start = Launcher.start(tmp, "local-cluster", "start", "--workers", "2",
        "--cores", "2", "--memory", "1g", "--port", Integer.toString(port),
        "--webui-port", Integer.toString(webUi), "--dir", clusterDir.toString())) {
      assertEquals(0, start.await(START_LIMIT_S), start.err());
      masterUrl = "spark://127.0.0.1:" + port;
      assertTrue(start.out().contains("Spark master: " + masterUrl), start.out());
      assertTrue(start.out().contains("Spark:        " + SparkBuilds.VERSION + " (the Spark "
          + SparkBuilds.LINE + " build"), start.out());
    }
    try (Launcher.Run status = Launcher.start(tmp, "local-cluster", "status",
        "--dir", clusterDir.toString())) {
      assertEquals(0, status.await(60), status.err());
      assertTrue(status.out().contains("workers:  2 registered"), status.out());
    }
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (clusterDir == null) {
      return;
    }
    try (Launcher.Run stop = Launcher.start(tmp, "local-cluster", "stop",
        "--dir", clusterDir.toString())) {
      stop.await(60);
    } finally {
      killLeftovers(clusterDir);
    }
  }

  @Test
  @Order(0)
  void usageErrorsAndAMissingMasterExitCleanly() throws Exception {
    try (Launcher.Run usage = submit("--source", "replay", "--pipeline", "count")) {
      assertEquals(2, usage.await(JOB_LIMIT_S), usage.err());
      assertEquals("run-wordcount: --source replay needs --input FILE: the file to replay",
          usage.err().strip());
    }
    try (Launcher.Run noMaster = Launcher.start(tmp, "run-wordcount",
        "--master", "spark://127.0.0.1:" + freePort(), "--source", "replay",
        "--input", write("one.txt", List.of("one line")).toString())) {
      assertEquals(1, noMaster.await(JOB_LIMIT_S), noMaster.err());
      assertTrue(noMaster.err().contains("no Spark master answers at spark://127.0.0.1:"),
          noMaster.err());
    }
    try (Launcher.Run badWorkers = Launcher.start(tmp, "local-cluster", "start",
        "--workers", "two", "--dir", tmp.resolve("unused").toString())) {
      assertEquals(2, badWorkers.await(60), badWorkers.err());
      assertEquals("local-cluster: --workers must be a whole number between 1 and 16 (got 'two')\n"
          + "local-cluster: see bin/local-cluster --help", badWorkers.err().strip());
    }
    // bin/lib/daemon.sh's status convention: 3 when not running, as for every daemon script.
    Path none = tmp.resolve("no-cluster");
    try (Launcher.Run status = Launcher.start(tmp, "local-cluster", "status", "--dir", none.toString())) {
      assertEquals(3, status.await(60), status.err());
      assertEquals("local-cluster: no cluster in " + none, status.out().strip());
    }
  }

  @Test
  @Order(0)
  @Timeout(value = 10, unit = TimeUnit.MINUTES) // may build the other line's jar first
  void theOtherSparkLinesJarIsRefusedByThisCluster() throws Exception {
    Path otherJar = SparkBuilds.otherAppJar();
    // spark-submit of this cluster's Spark (its jars/), as a user of this Spark distribution would.
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(SparkBuilds.jvmFlags());
    command.addAll(List.of("-Xmx512m", "-cp", clusterDir.resolve("spark-home/jars") + "/*",
        "org.apache.spark.deploy.SparkSubmit", "--master", masterUrl, "--deploy-mode", "client",
        "--conf", "spark.driver.host=127.0.0.1", "--class", "dstream.wordcount.Main",
        otherJar.toString(), "--source", "replay",
        "--input", write("other.txt", List.of("spark")).toString()));
    Path err = tmp.resolve("other-jar.err");
    Process p = new ProcessBuilder(command).redirectInput(new java.io.File("/dev/null"))
        .redirectOutput(tmp.resolve("other-jar.out").toFile()).redirectError(err.toFile()).start();
    try {
      assertTrue(p.waitFor(JOB_LIMIT_S, TimeUnit.SECONDS), "spark-submit did not end");
    } finally {
      p.destroyForcibly();
    }
    String stderr = Files.readString(err);
    assertEquals(2, p.exitValue(), stderr);
    List<String> refusal = stderr.lines().filter(l -> l.startsWith("run-wordcount:")).toList();
    assertEquals(1, refusal.size(), stderr);
    assertTrue(refusal.get(0).startsWith("run-wordcount: " + otherJar.getFileName()
        + " is built for Spark " + SparkBuilds.OTHER + ", but Spark " + SparkBuilds.VERSION
        + " runs it: use " + SparkBuilds.appJar().getFileName() + " ("), refusal.get(0));
    assertFalse(stderr.contains("Exception"), stderr);
  }

  @ParameterizedTest(name = "--engine {0}")
  @ValueSource(strings = {"dstream", "structured"})
  @Order(1)
  void replayCountsAreExactOnTheCluster(String engine) throws Exception {
    Path input = write("replay.txt", List.of(
        "spark streaming dstream", "spark spark streaming",
        "big data spark", "cluster of workers",
        "workers run executors", "executors run tasks"));
    Path out = Files.createDirectories(tmp.resolve("replay-out-" + engine)).resolve("counts");
    try (Launcher.Run job = submit("--engine", engine, "--source", "replay", "--input", input.toString(),
        "--lines-per-batch", "2", "--batch", "500ms", "--pipeline", "count",
        "--output", out.toString(), "--no-print")) {
      assertEquals(0, job.await(JOB_LIMIT_S), job.err());
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
    Path uiOn = Files.writeString(tmp.resolve("ui-on.properties"), "spark.ui.enabled = true\n");
    Path out = Files.createDirectories(tmp.resolve("socket-out")).resolve("counts");
    try (WordServer server = new WordServer(CYCLE, 0, lines, msg -> { });
        Launcher.Run job = submit("--conf", uiOn.toString(),
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
      assertTrue(job.err().contains("Spark UI: " + ui), job.err());
      assertEquals(200, get(ui + "/streaming/").statusCode());
      String apps = get(ui + "/api/v1/applications").body();
      Matcher id = Pattern.compile("\"id\" : \"([^\"]+)\"").matcher(apps);
      assertTrue(id.find(), apps);
      String receivers = get(ui + "/api/v1/applications/" + id.group(1) + "/streaming/receivers").body();
      Matcher executor = Pattern.compile("\"executorId\" : \"([^\"]+)\"").matcher(receivers);
      assertTrue(executor.find(), receivers);
      assertNotEquals("driver", executor.group(1), "receiver on an executor: " + receivers);

      job.process().destroy(); // SIGTERM: the graceful stop of Ctrl-C
      job.await(60);
      assertEquals(lines, server.linesSent(), "no second connection got lines");
      assertEquals(expected, totals(out), "nothing counted twice after the stop");
    }
  }

  @Test
  @Order(3)
  void cumulativeTotalsSurviveLosingAWorker() throws Exception {
    List<String> input = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      input.addAll(CYCLE);
    }
    Path out = Files.createDirectories(tmp.resolve("loss-out")).resolve("totals");
    try (Launcher.Run job = submit("--source", "replay",
        "--input", write("loss.txt", input).toString(), "--lines-per-batch", "2",
        "--batch", "500ms", "--pipeline", "cumulative", "--output", out.toString(), "--no-print")) {
      await("a few batches before the kill", job, () -> OutputFiles.read(out).size() >= 4);
      long victim = Long.parseLong(Files.readString(clusterDir.resolve("worker-2.pid")).trim());
      ProcessHandle.of(victim).ifPresent(ProcessHandle::destroyForcibly);
      assertEquals(0, job.await(JOB_LIMIT_S), job.err());
      assertTrue(job.err().contains("Lost executor"), "an executor was lost:\n" + job.err());
    }
    List<List<String>> batches = new ArrayList<>(OutputFiles.read(out).values());
    assertTrue(batches.size() >= 30, "all 30 input batches were written: " + batches.size());
    // Totals never go down: no batch lost state with the worker.
    Map<String, Long> previous = Map.of();
    for (List<String> batch : batches) {
      Map<String, Long> now = Counts.parse(batch);
      for (Map.Entry<String, Long> e : previous.entrySet()) {
        assertTrue(now.getOrDefault(e.getKey(), 0L) >= e.getValue(), "running totals: " + batches);
      }
      previous = now;
    }
    assertEquals(Map.of("spark", 80L, "streaming", 40L, "dstream", 20L, "big", 20L, "data", 20L),
        Counts.parse(batches.get(batches.size() - 1)));
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** {@code bin/run-wordcount --master <the cluster> args}. */
  private static Launcher.Run submit(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of("--master", masterUrl));
    all.addAll(List.of(args));
    return Launcher.start(tmp, "run-wordcount", all.toArray(new String[0]));
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
  private static void await(String what, Launcher.Run job, BooleanSupplier condition)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!condition.getAsBoolean()) {
      if (!job.process().isAlive()) {
        throw new AssertionError("job ended while waiting for " + what + ":\n" + job.err());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up waiting for " + what + ":\n" + job.err());
      }
      Thread.sleep(200);
    }
  }

  private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(30)).build(); // a first UI request on a busy machine
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
