package dstream.wordcount.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.testing.DbRows;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stats --window D --slide D} on the replay source through the production runner, window by
 * window against figures computed by hand (see WindowedPipelinesTest for why the window ending at
 * batch T holds batches T - window/batch + 1 .. T, and the first windows fewer). One run covers a
 * slide of two batches, the stop words (the windowed word counts and the per-batch sums must agree
 * on them) and the database output of a window; it is slow enough on two cores that one is all the
 * CI budget allows.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class WindowedStatsTest {
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  // Batches 1..5, one line each (batch 3 is one empty line), then the empty batches after input.
  private static final List<String> INPUT =
      List.of("spark spark streaming", "big data", "", "spark", "data data data");

  private static final String EMPTY_WINDOW = "lines=0 words=0 distinct=0 mean=0.00 max=0[] min=0[]"
      + " words_per_s=0.00 batches=3 batch_words_mean=0.00 batch_words_max=0 batch_words_min=0";

  /** The one line of each output, in time order. */
  private static List<String> lines(SortedMap<Long, List<String>> out) {
    List<String> all = new ArrayList<>();
    out.values().forEach(l -> {
      assertEquals(1, l.size(), "one line per window: " + out);
      all.add(l.get(0));
    });
    return all;
  }

  private static void assertWindows(List<String> expected, List<String> actual) {
    assertTrue(actual.size() >= expected.size(), "at least " + expected.size() + ": " + actual);
    assertEquals(expected, actual.subList(0, expected.size()));
    for (String late : actual.subList(expected.size(), actual.size())) {
      assertEquals(EMPTY_WINDOW, late, "windows after the input has left: " + actual);
    }
  }

  @Test
  void slidingEveryTwoBatchesWithStopWordsIntoTheDatabase() throws Exception {
    Path stop = Files.writeString(tmp.resolve("stop.txt"), "Streaming\n");
    String url = "jdbc:sqlite:" + tmp.resolve("stats.db");
    SortedMap<Long, List<String>> out = Replays.run(spark, tmp, INPUT, 1,
        "--pipeline", "stats", "--window", "600ms", "--slide", "400ms", "--tokenizer", "words",
        "--stopwords", stop.toString(), "--db", url, "--db-table-prefix", "w_");
    // With the stop word gone, words per batch: 2, 2, 0, 1, 3, then 0. Words per second are over
    // the batches the window holds (the first window holds two).
    assertWindows(List.of(
        "lines=2 words=4 distinct=3 mean=1.33 max=2[spark] min=1[big,data] words_per_s=10.00"
            + " batches=2 batch_words_mean=2.00 batch_words_max=2 batch_words_min=2",  // 1-2
        "lines=3 words=3 distinct=3 mean=1.00 max=1[big,data,spark] min=1[big,data,spark]"
            + " words_per_s=5.00 batches=3 batch_words_mean=1.00 batch_words_max=2"
            + " batch_words_min=0",       // 2-4: the batch of 3 words left, so no inverse for max
        "lines=2 words=4 distinct=2 mean=2.00 max=3[data] min=1[spark] words_per_s=6.67"
            + " batches=3 batch_words_mean=1.33 batch_words_max=3 batch_words_min=0",  // 4-6
        EMPTY_WINDOW), lines(out));                                                    // 6-8
    // The database holds each window at its end time, in the stats table's shape.
    List<Long> times = new ArrayList<>(out.keySet());
    List<String> expected = new ArrayList<>(List.of(
        times.get(0) + "|2|4|3|1.33|2|1|spark|big,data",
        times.get(1) + "|3|3|3|1.00|1|1|big,data,spark|big,data,spark",
        times.get(2) + "|2|4|2|2.00|3|1|data|spark"));
    for (long later : times.subList(3, times.size())) {
      expected.add(later + "|0|0|0|0.00|0|0||");
    }
    assertEquals(expected, DbRows.query(url, null, "SELECT batch_time, lines, words,"
        + " distinct_words, mean, max, min, max_words, min_words FROM w_stats"
        + " ORDER BY batch_time"));
  }
}
