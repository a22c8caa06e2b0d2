package dstream.wordcount.engine;

import static dstream.wordcount.testing.UsageErrors.assertUsage;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.Main;
import dstream.wordcount.testing.BackgroundJob;
import dstream.wordcount.testing.DropFiles;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.SharedSpark;
import dstream.wordcount.testing.Waits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seam between the engines as a user meets it: {@code --engine} and its one-line refusals,
 * and a checkpoint of one engine refused by the other, through {@link Main#run}.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class EngineSeamTest {
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  /** Every source and pipeline runs on both engines; an unknown engine is a usage error. */
  @Test
  void engineNames() throws Exception {
    assertUsage("--engine must be dstream or structured (got 'flink')", "--engine", "flink");
  }

  @ParameterizedTest(name = "a {0} checkpoint refused by the {1} engine")
  @CsvSource({"structured, dstream", "dstream, structured"})
  void aCheckpointOfOneEngineIsRefusedByTheOther(String wrote, String other) throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    Path checkpoint = tmp.resolve("checkpoint");
    Path out = tmp.resolve("out").resolve("result");
    List<String> args = List.of("--source", "files", "--dir", in.toString(), "--pipeline",
        "cumulative", "--batch", "500ms", "--checkpoint", checkpoint.toString(), "--output",
        out.toString(), "--no-print");
    List<String> first = new ArrayList<>(args);
    first.addAll(List.of("--engine", wrote, "--duration", "30s"));
    DropFiles drop = new DropFiles(tmp.resolve("staging"), in);
    int[] dropped = {0};
    try (BackgroundJob job = BackgroundJob.start(first, spark)) {
      // textFileStream takes only files newer than its start, which the test cannot see: a file
      // a second until one is counted.
      Waits.until(120_000, () -> "a file's batch", () -> {
        try {
          drop.drop("f" + ++dropped[0] + ".txt", List.of("a b a"));
          Thread.sleep(1000);
        } catch (IOException | InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return OutputFiles.read(out).values().stream()
            .anyMatch(lines -> lines.stream().anyMatch(l -> l.startsWith("(a,")));
      });
    }
    assertTrue(Files.isDirectory(checkpoint));
    List<String> again = new ArrayList<>(args);
    again.addAll(List.of("--engine", other));
    assertUsage("--checkpoint " + checkpoint + " holds a job started with other settings (engine"
        + " was " + wrote + ", now " + other + "): rerun with the settings recorded in"
        + " wordcount-settings.properties there, or pass a new --checkpoint directory to start"
        + " afresh", again.toArray(new String[0]));
  }
}
