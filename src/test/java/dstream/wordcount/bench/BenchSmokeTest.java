package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/bench --quick} as CI runs it: every measure on tiny inputs through the production
 * classes, into a results directory. Asserts the files and their shape, never a timing.
 */
// About a minute on a quiet 2-core machine; the limit leaves room for a machine shared with other
// suites, where the run's two bin/run-wordcount starts (recovery) alone took 50 s.
@Timeout(value = 600, unit = TimeUnit.SECONDS)
class BenchSmokeTest {
  @TempDir Path tmp;

  @Test
  void quickRunWritesTheTableCsvFilesAndChart() throws Exception {
    Path results = tmp.resolve("results");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    // bin/bench passes the project's home; the kafka measure runs bin/kafka-local from there.
    String home = System.getProperty("wordcount.home");
    System.setProperty("wordcount.home", Path.of(System.getProperty("project.basedir", ".")).toString());
    int code;
    try {
      code = Bench.run(new String[] {"--quick", "--results", results.toString()},
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8));
    } finally {
      if (home == null) {
        System.clearProperty("wordcount.home");
      } else {
        System.setProperty("wordcount.home", home);
      }
    }
    String console = out.toString(StandardCharsets.UTF_8);
    // On the test log: each measure's "took N s" line shows where CI's time goes.
    System.out.println(console);
    assertEquals(0, code, console + err.toString(StandardCharsets.UTF_8));

    List<List<String>> rows = csv(results.resolve("results.csv"));
    assertEquals(ResultFiles.ROW_COLUMNS, rows.get(0));
    List<String> variants = new ArrayList<>();
    for (List<String> r : rows.subList(1, rows.size())) {
      assertEquals(ResultFiles.ROW_COLUMNS.size(), r.size(), r.toString());
      variants.add(r.get(0) + "/" + r.get(1));
    }
    assertEquals(List.of("count/project: count pipeline", "count/baseline: JavaNetworkWordCount",
        "count/limit: plain Java, 2 threads", "count/HashMap limit: plain Java, 2 threads"),
        variants.subList(0, 4));
    assertEquals(List.of(
        "state/state, 500 words in state", "state/state, 20k words in state",
        "state/cumulative, 500 words in state", "state/cumulative, 20k words in state",
        "structured/per-batch count: foreachBatch groupBy(word).count()",
        "structured/running totals, HDFS state store, 20k words in state",
        "structured/running totals, RocksDB state store, 20k words in state",
        "growth/count, 2k words per batch (Zipf, 10k vocabulary)",
        "growth/count, 20k words per batch (Zipf, 10k vocabulary)",
        "growth/count, 20k words, 100 distinct per batch",
        "growth/count, 20k words, 10k distinct per batch",
        "recovery/state, 20k words in state: fresh start to first batch",
        "recovery/state, 20k words in state: restart after SIGKILL to first batch",
        "window/window pipeline (inverse), 2-batch window",
        "window/window pipeline (inverse), 4-batch window",
        "window/non-inverse form, 2-batch window", "window/non-inverse form, 4-batch window",
        "interval/200 ms batches at 100.0k words/s",
        "socket/spark: socket source + count pipeline",
        "socket/limit: plain reader on the same server",
        "kafka/spark: kafka direct stream + count pipeline",
        "kafka/limit: plain KafkaConsumer, one thread",
        "db/count without --db", "db/count --db SQLite", "db/count --db PostgreSQL",
        "heap/state --idle-timeout 400ms, 3 s",
        "engines/count on dstream", "engines/count on structured",
        "engines/state on dstream", "engines/state on structured",
        "latency/grep on socket, dstream, 200 ms batches",
        "latency/grep on socket, structured, 200 ms batches",
        "latency/grep on kafka, structured, real-time mode",
        "flood/count under the flood"),
        variants.subList(4, variants.size()));
    int wordsPerS = ResultFiles.ROW_COLUMNS.indexOf("words_per_s");
    for (List<String> r : rows.subList(1, 5)) {
      assertTrue(Double.parseDouble(r.get(wordsPerS)) > 0, "words/s of " + r);
    }
    // Each engine's driver is a process of its own: its CPU per batch is sampled from outside.
    int cpuMs = ResultFiles.ROW_COLUMNS.indexOf("median_cpu_ms");
    for (List<String> r : rows.subList(1, rows.size())) {
      if (r.get(0).equals("engines")) {
        assertTrue(Double.parseDouble(r.get(cpuMs)) >= 0, "CPU ms of " + r);
      }
    }

    List<List<String>> goals = csv(results.resolve("goals.csv"));
    assertEquals(ResultFiles.GOAL_COLUMNS, goals.get(0));
    List<String> names = new ArrayList<>();
    for (List<String> g : goals.subList(1, goals.size())) {
      names.add(g.get(0));
      assertTrue(List.of("met", "short", "reported").contains(g.get(3)), "measured: " + g);
    }
    assertEquals(List.of("count vs baseline", "count vs limit", "state: large vs small state",
        "structured streaming vs DStream", "count: ms per batch as batches grow",
        "count: ms per batch as distinct words grow", "recovery after SIGKILL",
        "window: long vs short window", "shortest sustained interval at 100.0k words/s",
        "socket source vs plain reader", "kafka source vs plain consumer",
        "count --db vs without",
        "driver heap under state with idle eviction",
        "engines: structured vs DStream, count", "engines: structured vs DStream, state",
        "latency: grep on kafka, real-time mode", "flood delay bounded: count"), names);

    Path svg = results.resolve("bench.svg");
    assertEquals("svg", DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(svg.toFile()).getDocumentElement().getTagName());
    for (String panel : List.of("count: words/s", "state: median ms",
        "structured streaming vs DStream: median ms", "growth: count, median ms per batch by words",
        "growth: count, median ms per 20k-word batch by distinct", "recovery: bin/run-wordcount",
        "window: median ms",
        "batch interval at", "socket source:", "kafka source:", "driver heap",
        "engines: median ms per 2k-word batch", "engines: median ms per 1k-word batch",
        "latency: ms from a line written to its result out")) {
      assertTrue(Files.readString(svg).contains(panel), panel);
    }
    List<List<String>> batches = csv(results.resolve("batches.csv"));
    assertEquals(List.of("measure", "variant", "batch", "phase", "processing_ms", "scheduling_ms",
        "cpu_ms", "records"), batches.get(0));
    assertTrue(Files.readString(results.resolve("heap.csv")).startsWith("seconds,heap_used_mb\n"));
    assertTrue(Files.readString(results.resolve("run.txt")).startsWith("mode: quick\n"));
    assertTrue(console.contains("vs baseline") && console.contains("verdict"), console);
  }

  /** A minimal RFC 4180 reader: quoted fields may hold commas and doubled quotes. */
  static List<List<String>> csv(Path file) throws Exception {
    List<List<String>> out = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      List<String> fields = new ArrayList<>();
      StringBuilder f = new StringBuilder();
      boolean quoted = false;
      for (int i = 0; i < line.length(); i++) {
        char c = line.charAt(i);
        if (quoted) {
          if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
            f.append('"');
            i++;
          } else if (c == '"') {
            quoted = false;
          } else {
            f.append(c);
          }
        } else if (c == '"') {
          quoted = true;
        } else if (c == ',') {
          fields.add(f.toString());
          f.setLength(0);
        } else {
          f.append(c);
        }
      }
      fields.add(f.toString());
      out.add(fields);
    }
    return out;
  }
}
