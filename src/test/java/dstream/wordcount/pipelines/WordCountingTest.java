package dstream.wordcount.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.testing.RandomText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import scala.Tuple2;

/**
 * The partition functions of the shared counting step, called as Spark calls them, against the
 * simple reference on random Unicode: one tuple per distinct word with its exact count.
 */
class WordCountingTest {
  private static Map<String, Long> collect(Iterator<Tuple2<String, Long>> tuples) {
    Map<String, Long> out = new TreeMap<>();
    int n = 0;
    while (tuples.hasNext()) {
      Tuple2<String, Long> t = tuples.next();
      out.put(t._1(), t._2());
      n++;
    }
    assertEquals(out.size(), n, "one tuple per distinct word");
    return out;
  }

  @Test
  void countLinesPartitionCountsLikeTheReference() {
    for (Tokenizer t : Tokenizer.values()) {
      for (int seed = 0; seed < 50; seed++) {
        List<String> lines = new RandomText(1_000 + seed).lines(300, 30);
        assertEquals(RandomText.referenceCounts(lines, t),
            collect(WordCounting.countLinesPartition(lines.iterator(), t)), t + " seed " + seed);
      }
    }
  }

  @Test
  void countPartitionCountsWordsLikeTheReference() {
    List<String> lines = new RandomText(7).lines(2_000, 30);
    for (Tokenizer t : Tokenizer.values()) {
      List<String> words = new ArrayList<>();
      lines.forEach(l -> words.addAll(t.tokenize(l)));
      assertEquals(RandomText.referenceCounts(lines, t),
          collect(WordCounting.countPartition(words.iterator())), t.toString());
    }
  }

  @Test
  void knownLinesGiveLiteralCounts() {
    List<String> lines = List.of("Spark spark SPARK", "", "big\u00a0data\u2003spark");
    assertEquals(Map.of("spark", 4L, "big", 1L, "data", 1L),
        collect(WordCounting.countLinesPartition(lines.iterator(), Tokenizer.WORDS)));
    assertEquals(Map.of("Spark", 1L, "spark", 2L, "SPARK", 1L, "big", 1L, "data", 1L),
        collect(WordCounting.countLinesPartition(lines.iterator(), Tokenizer.WHITESPACE)));
  }
}
