package dstream.wordcount.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.testing.Counts;
import dstream.wordcount.testing.Replays;
import dstream.wordcount.testing.SharedSpark;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --stopwords FILE} through the production runner on the replay source: exact counts
 * without the stop words, for both tokenizers, on the per-batch, windowed and stateful pipelines.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class StopWordsTest {
  @RegisterExtension static final SharedSpark spark = new SharedSpark();

  @TempDir Path tmp;

  /** One line per 200 ms batch. */
  private static final List<String> INPUT =
      List.of("The spark and the streaming", "THE Spark, a DStream!");

  /** The stop-word file: mixed case, a blank line and padding, read with the job's tokenizer. */
  private String stopFile() throws Exception {
    return Files.writeString(tmp.resolve("stop.txt"), "The\nand\n\n  a  \n").toString();
  }

  private List<List<String>> replay(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--stopwords", stopFile()));
    args.addAll(List.of(extra));
    return new ArrayList<>(Replays.run(spark, tmp, INPUT, 1, args.toArray(new String[0])).values());
  }

  private static Map<String, Long> counts(String... pairs) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], Long.parseLong(pairs[i + 1]));
    }
    return m;
  }

  @Test
  void whitespaceTokenizerRemovesTheExactStopWords() throws Exception {
    // Stop words {The, and, a}: case is kept, so "the" and "THE" are counted.
    List<List<String>> batches = replay("--pipeline", "count");
    assertEquals(counts("spark", "1", "the", "1", "streaming", "1"), Counts.parse(batches.get(0)));
    assertEquals(counts("THE", "1", "Spark,", "1", "DStream!", "1"), Counts.parse(batches.get(1)));
  }

  @Test
  void wordsTokenizerNormalizesTheStopWordsToo() throws Exception {
    // Stop words {the, and, a}: every "the" goes, whatever its case.
    List<List<String>> batches = replay("--pipeline", "count", "--tokenizer", "words");
    assertEquals(counts("spark", "1", "streaming", "1"), Counts.parse(batches.get(0)));
    assertEquals(counts("spark", "1", "dstream", "1"), Counts.parse(batches.get(1)));
  }

  @Test
  void filterAppliesStopWordsAndMinLength() throws Exception {
    List<List<String>> batches = replay("--pipeline", "filter", "--min-length", "6");
    assertEquals(counts("streaming", "1"), Counts.parse(batches.get(0)));
    assertEquals(counts("Spark,", "1", "DStream!", "1"), Counts.parse(batches.get(1)));
  }

  @Test
  void windowAndRunningTotalsNeverSeeTheStopWords() throws Exception {
    List<List<String>> window = replay("--pipeline", "window", "--tokenizer", "words",
        "--window", "400ms", "--slide", "400ms");
    assertEquals(counts("spark", "2", "streaming", "1", "dstream", "1"), Counts.parse(window.get(0)));
    List<List<String>> totals = replay("--pipeline", "cumulative", "--tokenizer", "words");
    assertEquals(counts("spark", "1", "streaming", "1"), Counts.parse(totals.get(0)));
    assertEquals(counts("spark", "2", "streaming", "1", "dstream", "1"), Counts.parse(totals.get(1)));
  }

  @Test
  void countWindowAndStatsCountOnlyTheOtherWords() throws Exception {
    List<List<String>> perWindow = replay("--pipeline", "count-window", "--tokenizer", "words",
        "--window", "400ms", "--slide", "200ms");
    assertEquals(List.of(List.of("2"), List.of("4"), List.of("2")), perWindow.subList(0, 3));
    List<List<String>> stats = replay("--pipeline", "stats", "--tokenizer", "words");
    assertEquals(List.of("lines=1 words=2 distinct=2 mean=1.00 max=1[spark,streaming]"
        + " min=1[spark,streaming] words_per_s=10.00"), stats.get(0));
  }
}
