package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.RandomText;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table limit counts exactly what the {@code count} pipeline counts, checked the way the bench
 * will: the production pipeline run on the same lines through the replay source.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TableLimitCounterTest {
  @TempDir Path tmp;

  @Test
  void literalLinesOnTwoThreads() throws Exception {
    List<String> lines = List.of("spark streaming dstream", "spark  spark\tstreaming",
        "big data Spark", "", "data, data! \u0130\u00a0\u212a");
    try (TableLimitCounter two = new TableLimitCounter(Tokenizer.WHITESPACE, 2)) {
      assertEquals(new TreeMap<>(Map.of("spark", 3L, "Spark", 1L, "streaming", 2L, "dstream", 1L,
          "big", 1L, "data", 1L, "data,", 1L, "data!", 1L, "\u0130", 1L, "\u212a", 1L)),
          new TreeMap<>(two.count(lines)));
    }
    try (TableLimitCounter two = new TableLimitCounter(Tokenizer.WORDS, 2)) {
      assertEquals(Map.of("spark", 4L, "streaming", 2L, "dstream", 1L, "big", 1L, "data", 3L,
          "i\u0307", 1L, "k", 1L), two.count(lines));
    }
  }

  @Test
  void oneThreadManyThreadsAndNoLines() throws Exception {
    try (TableLimitCounter one = new TableLimitCounter(Tokenizer.WHITESPACE, 1);
        TableLimitCounter many = new TableLimitCounter(Tokenizer.WHITESPACE, 5)) {
      assertEquals(Map.of("a", 2L), one.count(List.of("a a")));
      assertEquals(Map.of("a", 2L), many.count(List.of("a a")));
      assertEquals(Map.of(), many.count(List.of()));
    }
  }

  @Test
  void agreesWithTheHashMapLimitOnZipfAndRandomUnicode() throws Exception {
    List<String> lines = new ArrayList<>(new ZipfCorpus(10_000, 1.0, 10, 11).lines(0, 5_000));
    lines.addAll(new RandomText(5).lines(5_000, 30));
    for (Tokenizer t : Tokenizer.values()) {
      try (TableLimitCounter table = new TableLimitCounter(t, 2);
          LimitCounter hashMap = new LimitCounter(t, 2)) {
        Map<String, Long> expected = hashMap.count(lines);
        assertEquals(RandomText.referenceCounts(lines, t), new TreeMap<>(expected), t.toString());
        assertEquals(expected, table.count(lines), t.toString());
      }
    }
  }

  @Test
  void countsWhatTheCountPipelineCounts() throws Exception {
    List<String> lines = new ArrayList<>(new ZipfCorpus(2_000, 1.0, 10, 3).lines(0, 400));
    // Random Unicode that survives the UTF-8 input file unchanged (no lone surrogates).
    for (String line : new RandomText(21).lines(600, 20)) {
      if (line.equals(new String(line.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))) {
        lines.add(line);
      }
    }
    try (SharedSpark spark = new SharedSpark("TableLimitCounterTest")) {
      for (Tokenizer t : Tokenizer.values()) {
        // The input file splits lines at \r too, so the batches are summed: the pipeline's total.
        SortedMap<Long, List<String>> batches = Replays.run(spark, tmp, lines, lines.size(),
            "--pipeline", "count", "--tokenizer", t.cliName());
        Map<String, Long> pipeline = new TreeMap<>();
        for (List<String> batch : batches.values()) {
          Counts.parse(batch).forEach((w, c) -> pipeline.merge(w, c, Long::sum));
        }
        try (TableLimitCounter two = new TableLimitCounter(t, 2)) {
          assertEquals(pipeline, new TreeMap<>(two.count(lines)), t.toString());
        }
      }
    }
  }
}
