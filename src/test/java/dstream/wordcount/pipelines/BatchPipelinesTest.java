package dstream.wordcount.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.engine.dstream.JobRunner;
import dstream.wordcount.run.Job;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.OutputFiles;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The per-batch pipelines (count, filter, grep, stats) run through the production runner on the
 * replay source (queueStream), checked batch by batch against literal expectations.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BatchPipelinesTest {
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  /** Replays {@code lines} with the given options and returns the lines of each output batch. */
  private List<List<String>> replay(List<String> lines, int perBatch, String... extra) throws Exception {
    return new ArrayList<>(Replays.run(spark, tmp, lines, perBatch, extra).values());
  }

  private static Map<String, Long> counts(String... pairs) {
    Map<String, Long> m = new java.util.TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], Long.parseLong(pairs[i + 1]));
    }
    return m;
  }

  @Test
  void countGivesExactCountsPerBatch() throws Exception {
    List<List<String>> batches = replay(List.of(
        "spark streaming dstream", "spark spark streaming",
        "big data spark", "  ",
        "Ünïcödé naïve café", "café café"), 2, "--pipeline", "count");
    assertTrue(batches.size() >= 3, "at least the three input batches: " + batches);
    assertEquals(counts("dstream", "1", "spark", "3", "streaming", "2"), Counts.parse(batches.get(0)));
    assertEquals(counts("big", "1", "data", "1", "spark", "1"), Counts.parse(batches.get(1)));
    assertEquals(counts("Ünïcödé", "1", "naïve", "1", "café", "3"), Counts.parse(batches.get(2)));
    for (List<String> after : batches.subList(3, batches.size())) {
      assertEquals(List.of(), after, "batches after the input are empty");
    }
  }

  @Test
  void emptyAndBlankBatchesYieldNoWords() throws Exception {
    List<List<String>> batches = replay(List.of("", "   \t ", "a b", "\u00a0"), 2, "--pipeline", "count");
    assertEquals(List.of(), batches.get(0));
    assertEquals(counts("a", "1", "b", "1"), Counts.parse(batches.get(1)));
  }

  @Test
  void wordsTokenizerLowerCasesAndDropsPunctuation() throws Exception {
    List<List<String>> batches = replay(List.of("Spark, SPARK! spark's Été-été 42"), 1,
        "--pipeline", "count", "--tokenizer", "words");
    assertEquals(counts("spark", "3", "s", "1", "été", "2", "42", "1"), Counts.parse(batches.get(0)));
  }

  @Test
  void filterDropsWordsShorterThanMinLength() throws Exception {
    List<List<String>> batches = replay(List.of("big data spark is a big deal", "été au lac"), 1,
        "--pipeline", "filter");
    assertEquals(counts("big", "2", "data", "1", "spark", "1", "deal", "1"), Counts.parse(batches.get(0)));
    assertEquals(counts("été", "1", "lac", "1"), Counts.parse(batches.get(1)));
    List<List<String>> longer = replay(List.of("big data spark is a big deal"), 1,
        "--pipeline", "filter", "--min-length", "5");
    assertEquals(counts("spark", "1"), Counts.parse(longer.get(0)));
  }

  @Test
  void grepKeepsMatchingLinesInOrder() throws Exception {
    List<List<String>> batches = replay(List.of(
        "This is an important message", "Regular message", "Another important update",
        "Critical important alert", "nothing here", "IMPORTANT is not important-case"), 3,
        "--pipeline", "grep", "--match", "important");
    assertEquals(List.of("This is an important message", "Another important update"), batches.get(0));
    assertEquals(List.of("Critical important alert", "IMPORTANT is not important-case"), batches.get(1));
  }

  @Test
  void statsReportsOneLinePerBatch() throws Exception {
    List<List<String>> batches = replay(List.of(
        "spark streaming dstream", "spark spark streaming", "big data spark"), 3,
        "--pipeline", "stats");
    assertEquals(List.of("lines=3 words=9 distinct=5 mean=1.80 max=4[spark] "
        + "min=1[big,data,dstream] words_per_s=45.00"), batches.get(0));
    assertEquals(List.of("lines=0 words=0 distinct=0 mean=0.00 max=0[] min=0[] words_per_s=0.00"),
        batches.get(1), "an empty batch still reports");
  }

  @Test
  void dirtyInputNeverStopsTheJob() throws Exception {
    Path input = tmp.resolve("dirty.bin");
    StringBuilder longLine = new StringBuilder(5 * 1024 * 1024 + 16);
    for (int i = 0; i < 5 * 1024 * 1024 / 8; i++) {
      longLine.append("abcdefg ");
    }
    String longToken = "x".repeat(200_000);
    byte[] invalidUtf8 = {'b', 'a', 'd', (byte) 0xff, (byte) 0xfe, 'x', ' ', 'o', 'k', '\n'};
    try (var os = Files.newOutputStream(input)) {
      os.write(invalidUtf8);
      os.write("nul\u0000sep crlf\r\n".getBytes(StandardCharsets.UTF_8));
      os.write((longLine + "\n").getBytes(StandardCharsets.UTF_8));
      os.write((longToken + " end\n").getBytes(StandardCharsets.UTF_8));
    }
    Path out = tmp.resolve("dirty/out");
    JobRunner.run(Job.parse(new String[] {"--source", "replay", "--input", input.toString(),
        "--lines-per-batch", "1", "--batch", "300ms", "--output", out.toString(), "--no-print"}, null),
        spark);
    List<Map<String, Long>> batches = OutputFiles.read(out).values().stream()
        .map(Counts::parse).collect(Collectors.toList());
    assertEquals(counts("bad\ufffd\ufffdx", "1", "ok", "1"), batches.get(0), "invalid bytes become U+FFFD");
    assertEquals(counts("nul", "1", "sep", "1", "crlf", "1"), batches.get(1), "NUL separates, CR is dropped");
    assertEquals(counts("abcdefg", Long.toString(5 * 1024 * 1024 / 8)), batches.get(2));
    assertEquals(counts(longToken, "1", "end", "1"), batches.get(3), "long tokens are kept whole");
    assertTrue(Stream.of(batches.get(1).keySet()).noneMatch(k -> k.contains("")), "no empty word");
  }
}
