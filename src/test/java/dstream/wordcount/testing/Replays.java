package dstream.wordcount.testing;

import dstream.wordcount.engine.dstream.JobRunner;
import dstream.wordcount.engine.structured.StructuredRunner;
import dstream.wordcount.run.Job;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * Runs the production runner on the replay source with file output, the way pipeline tests check
 * exact results batch by batch.
 */
public final class Replays {
  private Replays() {}

  /**
   * Replays {@code lines}, {@code perBatch} lines per 200 ms batch, in a fresh directory under
   * {@code tmp}, with {@code extra} options; returns the output batches by batch time.
   */
  public static SortedMap<Long, List<String>> run(SharedSpark spark, Path tmp, List<String> lines,
      int perBatch, String... extra) throws Exception {
    return run(false, spark, tmp, lines, perBatch, extra);
  }

  /**
   * {@link #run(SharedSpark, Path, List, int, String...)} on the structured engine
   * ({@code --engine structured}) when {@code structured}, through its production runner.
   */
  public static SortedMap<Long, List<String>> run(boolean structured, SharedSpark spark, Path tmp,
      List<String> lines, int perBatch, String... extra) throws Exception {
    Path run = Files.createTempDirectory(tmp, "run");
    Path input = run.resolve("input.txt");
    Files.write(input, lines, StandardCharsets.UTF_8);
    Path out = run.resolve("out/result");
    List<String> args = new ArrayList<>(List.of(
        "--source", "replay", "--input", input.toString(),
        "--lines-per-batch", Integer.toString(perBatch), "--batch", "200ms",
        "--output", out.toString(), "--no-print"));
    args.addAll(List.of(extra));
    if (structured) {
      args.addAll(List.of("--engine", "structured"));
      StructuredRunner.run(Job.parse(args.toArray(new String[0]), null), spark.sessions());
    } else {
      JobRunner.run(Job.parse(args.toArray(new String[0]), null), spark);
    }
    return OutputFiles.read(out);
  }

  /**
   * A file's lines as the DStream replay reads them (ReplaySource.open): the whole file from its
   * start, line by line, malformed UTF-8 replaced; the reference the structured replay's line
   * index is checked against.
   */
  public static List<String> dstreamLines(Path f) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(
        new InputStreamReader(Files.newInputStream(f), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        out.add(line);
      }
    }
    return out;
  }
}
