package dstream.wordcount.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dstream.wordcount.engine.dstream.GraphBuilder;
import dstream.wordcount.live.RunState;
import dstream.wordcount.run.Job;
import dstream.wordcount.sources.OpenedSource;
import dstream.wordcount.testing.BackgroundJob;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.SharedSpark;
import dstream.wordcount.testing.Waits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --dashboard} on replay runs through the production runner: the history the dashboard
 * kept is exactly the windows, numbers, lines, statistics and state updates of the input, batch
 * time for batch time the same as the {@code --output} directories; {@code /api/latest} answers
 * while the job runs; and without {@code --dashboard} nothing is added to the graph or started.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class DashboardReplayTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  /** What a replay run left: the output files and the dashboard's final history. */
  private record Run(SortedMap<Long, List<String>> outputs, JsonNode results, String latestSeen) {}

  private Run replay(List<String> lines, int perBatch, String... extra) throws Exception {
    Path dir = Files.createTempDirectory(tmp, "run");
    Path input = Files.write(dir.resolve("input.txt"), lines, StandardCharsets.UTF_8);
    Path out = dir.resolve("out/result");
    List<String> args = new ArrayList<>(List.of("--source", "replay", "--input", input.toString(),
        "--lines-per-batch", Integer.toString(perBatch), "--batch", "200ms",
        "--output", out.toString(), "--no-print", "--dashboard", "--dashboard-port", "0"));
    args.addAll(List.of(extra));
    AtomicReference<Dashboard> seen = new AtomicReference<>();
    String latest;
    // Results by batch time, merged from /api/history polled while the job runs: a loaded machine
    // makes a replay queue up more batches than the history keeps, and a result never changes.
    TreeMap<Long, JsonNode> merged = new TreeMap<>();
    HttpClient http = HttpClient.newHttpClient();
    try (BackgroundJob job = BackgroundJob.start(args, spark)) {
      Waits.until(60_000, () -> "the run's dashboard", () -> {
        seen.set(liveDashboard());
        return seen.get() != null;
      });
      URI history = URI.create(seen.get().url() + "api/history?last=60");
      latest = http.send(HttpRequest.newBuilder(URI.create(seen.get().url() + "api/latest")).build(),
          HttpResponse.BodyHandlers.ofString()).body();
      long deadline = System.currentTimeMillis() + 180_000;
      while (true) {
        try {
          merge(merged, JSON.readTree(http.send(HttpRequest.newBuilder(history).build(),
              HttpResponse.BodyHandlers.ofString()).body()));
        } catch (java.io.IOException e) {
          // the job ended and took its server with it; the final state is merged below
        }
        try {
          job.await(100);
          break;
        } catch (TimeoutException e) {
          assertTrue(System.currentTimeMillis() < deadline, "the replay did not end");
        }
      }
    }
    assertNull(liveDashboard(), "the dashboard is gone with its job");
    assertTrue(seen.get().state().isStopped());
    merge(merged, JSON.readTree(seen.get().state().historyJson(60)));
    ArrayNode results = JSON.createArrayNode();
    merged.values().forEach(results::add);
    return new Run(OutputFiles.read(out), results, latest);
  }

  /** The dashboard of the run bound to the shared SparkContext, null when none runs. */
  private static Dashboard liveDashboard() {
    try {
      return RunState.of(spark.sparkContext().sc()).get(Dashboard.class);
    } catch (IllegalStateException noRun) {
      return null;
    }
  }

  private static void merge(TreeMap<Long, JsonNode> into, JsonNode history) {
    history.get("results").forEach(r -> into.put(r.get("batchTime").asLong(), r));
  }

  /** The results' batch times are exactly the output directories'. */
  private static List<Long> checkTimes(Run run) {
    List<Long> t = new ArrayList<>();
    run.results().forEach(r -> t.add(r.get("batchTime").asLong()));
    List<Long> dirs = new ArrayList<>(run.outputs().keySet());
    assertEquals(dirs, t);
    return dirs;
  }

  private static String counts(JsonNode result) {
    StringBuilder s = new StringBuilder();
    result.get("counts").forEach(c -> s.append('(').append(c.get("word").asText()).append(',')
        .append(c.get("count").asLong()).append(')'));
    return s.toString();
  }

  /** The output lines of a counting batch in the page's order: count, then word. */
  private static String sortedOutput(List<String> lines) {
    List<String[]> pairs = new ArrayList<>();
    for (String l : lines) {
      int comma = l.lastIndexOf(',');
      pairs.add(new String[] {l.substring(1, comma), l.substring(comma + 1, l.length() - 1)});
    }
    pairs.sort((a, b) -> dstream.wordcount.core.WordCountOrder.compare(
        a[0], Long.parseLong(a[1]), b[0], Long.parseLong(b[1])));
    StringBuilder s = new StringBuilder();
    pairs.forEach(p -> s.append('(').append(p[0]).append(',').append(p[1]).append(')'));
    return s.toString();
  }

  @Test
  void windowHistoryIsEveryWindowOfTheInput() throws Exception {
    Run run = replay(List.of("a b", "a", "", "c", "", ""), 1,
        "--pipeline", "window", "--window", "600ms", "--slide", "200ms");
    List<Long> dirs = checkTimes(run);
    // Window i (in time order) of this input; every later window is empty.
    List<String> expected = List.of("(a,1)(b,1)", "(a,2)(b,1)", "(a,2)(b,1)", "(a,1)(c,1)", "(c,1)",
        "(c,1)");
    for (JsonNode r : run.results()) {
      long time = r.get("batchTime").asLong();
      int i = dirs.indexOf(time);
      assertEquals(i < expected.size() ? expected.get(i) : "", counts(r), "window " + i);
      assertEquals(sortedOutput(run.outputs().get(time)), counts(r), "window " + i);
    }
    JsonNode latest = JSON.readTree(run.latestSeen());
    assertEquals("window", latest.get("pipeline").asText());
  }

  @Test
  void errorsHistoryHasTheNumbersAndTheAlerts() throws Exception {
    Run run = replay(List.of("ERROR disk full", "INFO ok", "ERROR again", "ERROR third",
        "WARN slow", "error in lower case does not match", "INFO fine", "INFO fine"), 2,
        "--pipeline", "errors", "--window", "600ms", "--slide", "400ms", "--alert-above", "1");
    List<Long> dirs = checkTimes(run);
    List<String> expected = List.of("3!", "2!", "0");
    for (JsonNode r : run.results()) {
      long time = r.get("batchTime").asLong();
      int i = dirs.indexOf(time);
      String shown = r.get("value").asLong() + (r.get("alert").asBoolean() ? "!" : "");
      assertEquals(i < expected.size() ? expected.get(i) : "0", shown, "window " + i);
      assertEquals(run.outputs().get(time), List.of(r.get("value").asText()));
    }
  }

  @ParameterizedTest(name = "--engine {0}")
  @ValueSource(strings = {"dstream", "structured"})
  void grepStatsAndStateHistories(String engine) throws Exception {
    Run grep = replay(List.of("ERROR one", "ok", "ERROR two", "ERROR three"), 2, "--pipeline", "grep",
        "--engine", engine);
    checkTimes(grep);
    List<String> all = new ArrayList<>();
    for (JsonNode r : grep.results()) {
      List<String> newestFirst = new ArrayList<>();
      r.get("lines").forEach(l -> newestFirst.add(l.asText()));
      assertEquals(newestFirst.size(), r.get("matched").asInt());
      java.util.Collections.reverse(newestFirst);
      assertEquals(grep.outputs().get(r.get("batchTime").asLong()), newestFirst);
      all.addAll(newestFirst);
    }
    assertEquals(List.of("ERROR one", "ERROR two", "ERROR three"), all);

    Run stats = replay(List.of("spark spark streaming", "big data spark"), 2, "--pipeline", "stats",
        "--engine", engine);
    checkTimes(stats);
    JsonNode s = null;
    for (JsonNode r : stats.results()) {
      if (r.get("lines").asLong() > 0) {
        s = r;
        break;
      }
    }
    assertEquals("{\"batchTime\":" + s.get("batchTime") + ",\"lines\":2,\"words\":6,\"distinct\":4,"
        + "\"mean\":1.5,\"max\":3,\"maxWords\":[\"spark\"],\"min\":1,"
        + "\"minWords\":[\"big\",\"data\",\"streaming\"]}", s.toString());

    Run state = replay(List.of("a b", "a"), 1, "--pipeline", "state", "--engine", engine);
    checkTimes(state);
    List<String> changes = new ArrayList<>();
    for (JsonNode r : state.results()) {
      assertEquals(sortedOutput(state.outputs().get(r.get("batchTime").asLong())), counts(r));
      assertEquals(r.get("counts").size(), r.get("changed").asInt());
      assertEquals(0, r.get("evictions").asInt());
      if (r.get("changed").asInt() > 0) {
        changes.add(counts(r));
      }
    }
    assertEquals(List.of("(a,1)(b,1)", "(a,2)"), changes);
  }

  @Test
  void offByDefaultAddsNothing() throws Exception {
    Path input = Files.write(tmp.resolve("in.txt"), List.of("a b"), StandardCharsets.UTF_8);
    String[] base = {"--source", "replay", "--input", input.toString(), "--pipeline", "window",
        "--output", tmp.resolve("out/r").toString(), "--no-print"};
    assertEquals(outputOperations(base) + 1, outputOperations(append(base, "--dashboard")),
        "--dashboard adds exactly one output operation");
    Path out = tmp.resolve("off/r");
    try (BackgroundJob job = BackgroundJob.start(List.of("--source", "replay", "--input",
        input.toString(), "--batch", "200ms", "--pipeline", "count", "--output", out.toString(),
        "--no-print"), spark)) {
      while (OutputFiles.read(out).isEmpty()) {
        assertNull(liveDashboard(), "no dashboard without --dashboard");
        Thread.sleep(50);
      }
      job.await(60_000);
    }
    assertTrue(Thread.getAllStackTraces().keySet().stream()
        .noneMatch(t -> t.getName().startsWith("dashboard-http")), "no dashboard server thread");
  }

  private static String[] append(String[] a, String... more) {
    List<String> l = new ArrayList<>(List.of(a));
    l.addAll(List.of(more));
    return l.toArray(new String[0]);
  }

  private static int outputOperations(String[] args) throws Exception {
    Job job = Job.parse(args, null);
    JavaStreamingContext ssc = spark.create(job.options());
    try (RunState run = new RunState(); OpenedSource open = job.source().open(job.options(), run)) {
      GraphBuilder.build(ssc, open, job);
      return ssc.ssc().graph().getOutputStreams().length;
    } finally {
      ssc.stop(false, false);
    }
  }
}
