package dstream.wordcount.engine.dstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.Main;
import dstream.wordcount.cli.Options;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.BackgroundJob;
import dstream.wordcount.testing.DropFiles;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.SharedSpark;
import dstream.wordcount.testing.Waits;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.spark.streaming.api.java.JavaStreamingContext;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each windowed pipeline's graph survives a checkpoint for real: a job on the files source writes
 * its checkpoint, stops, and a second run with the same settings is recovered by
 * {@code getOrCreate} (the factory is not called again: the graph, its closures and its window
 * state are read back from the checkpoint) and goes on producing windows. A run with other
 * settings on that checkpoint is refused with exit code 2. For {@code sql}, the recovered run
 * starts without a SparkSession, which its first batch builds again. (The stateful pipelines'
 * recovery, with exact totals across a killed driver, is KillAndRecoverTest.)
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@SuppressWarnings("deprecation") // the DStream API: deprecated, not removed (see pom.xml)
class CheckpointRecoveryTest {
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  /** The shared contexts, counting how often a new context (and graph) was asked for. */
  private static final class Counting implements ContextFactory {
    final AtomicInteger created = new AtomicInteger();

    @Override
    public JavaStreamingContext create(Options options) {
      created.incrementAndGet();
      return spark.create(options);
    }

    @Override
    public boolean ownsSparkContext() {
      return false;
    }
  }

  private static final Map<String, List<String>> AFTER_ONE_FILE = Map.of(
      "window", List.of("(a,2)", "(b,1)"),
      "count-window", List.of("3"),
      "errors", List.of("1"),
      "top", List.of("(a,2)", "(b,1)"),
      "sql", List.of("a,2", "b,1"));

  @ParameterizedTest
  @ValueSource(strings = {"window", "count-window", "errors", "top", "sql"})
  void recoversFromItsCheckpointAndRefusesOtherSettings(String pipeline) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path checkpoint = tmp.resolve("checkpoint");
    Path out = Files.createDirectories(tmp.resolve("out")).resolve("result");
    List<String> args = new ArrayList<>(List.of("--source", "files", "--dir", in.toString(),
        "--pipeline", pipeline, "--batch", "500ms", "--window", "1500ms", "--slide", "500ms",
        "--checkpoint", checkpoint.toString(), "--output", out.toString(), "--no-print",
        "--match", "a", "--alert-above", "0",
        // sql: the recovered graph's first batch builds the SparkSession again (the run has none)
        "--query", "SELECT word, COUNT(*) AS n FROM words GROUP BY word"));
    Counting contexts = new Counting();

    List<String> first = new ArrayList<>(args);
    // sql's batches run a planned query each (and its first one compiles it), so its first window
    // comes late: on two busy cores the file then arrived after a 4 s run had stopped.
    first.addAll(List.of("--duration", pipeline.equals("sql") ? "8s" : "4s"));
    try (BackgroundJob job = BackgroundJob.start(first, contexts)) {
      Waits.until(30_000, () -> "the first window", () -> !OutputFiles.read(out).isEmpty());
      new DropFiles(tmp.resolve("staging"), in).drop("f.txt", List.of("a b a"));
      job.await(60_000);
    }
    SortedMap<Long, List<String>> before = OutputFiles.read(out);
    assertEquals(1, contexts.created.get(), "the first run builds the graph");
    assertTrue(before.values().stream().map(CheckpointRecoveryTest::sorted)
            .anyMatch(AFTER_ONE_FILE.get(pipeline)::equals),
        "a window holds the file: " + before);

    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> other = new ArrayList<>(args);
    other.set(other.indexOf("1500ms"), "2s");
    assertEquals(2, Main.run(other.toArray(new String[0]), new PrintStream(err, true, StandardCharsets.UTF_8)));
    assertEquals("run-wordcount: --checkpoint " + checkpoint + " holds a job started with other"
        + " settings (window was 1500ms, now 2s): rerun with the settings recorded in"
        + " wordcount-settings.properties there, or pass a new --checkpoint directory to start"
        + " afresh\n", err.toString(StandardCharsets.UTF_8));

    List<String> again = new ArrayList<>(args);
    again.addAll(List.of("--duration", "2500ms"));
    JobRunner.run(Job.parse(again.toArray(new String[0]), null), contexts);
    assertEquals(1, contexts.created.get(), "the second run is recovered, not built");
    SortedMap<Long, List<String>> after = OutputFiles.read(out).tailMap(before.lastKey() + 1);
    assertTrue(after.size() >= 3, "the recovered job goes on sliding: " + after.keySet());
  }

  private static List<String> sorted(List<String> lines) {
    return lines.stream().sorted().collect(Collectors.toList());
  }
}
