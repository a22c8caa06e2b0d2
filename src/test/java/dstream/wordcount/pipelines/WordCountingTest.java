package dstream.wordcount.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.core.Tokenizer;
import dstream.wordcount.testing.RandomText;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.HashPartitioner;
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

  /** One input partition's lines through the map side and the reduce side, one shuffle partition. */
  private static Iterator<Tuple2<String, Long>> counted(List<String> lines, Tokenizer t) {
    return WordCounting.mergeSlices(WordCounting.slices(WordCounting.countLinesTable(lines.iterator(), t), 1));
  }

  @Test
  void aPartitionsLinesCountLikeTheReference() {
    for (Tokenizer t : Tokenizer.values()) {
      for (int seed = 0; seed < 50; seed++) {
        List<String> lines = new RandomText(1_000 + seed).lines(300, 30);
        assertEquals(RandomText.referenceCounts(lines, t),
            collect(counted(lines, t)), t + " seed " + seed);
      }
    }
  }

  @Test
  void knownLinesGiveLiteralCounts() {
    List<String> lines = List.of("Spark spark SPARK", "", "big\u00a0data\u2003spark");
    assertEquals(Map.of("spark", 4L, "big", 1L, "data", 1L),
        collect(counted(lines, Tokenizer.WORDS)));
    assertEquals(Map.of("Spark", 1L, "spark", 2L, "SPARK", 1L, "big", 1L, "data", 1L),
        collect(counted(lines, Tokenizer.WHITESPACE)));
  }

  /**
   * The map and reduce sides as Spark runs them: each input partition's slices, grouped by their
   * key as partitionBy does, merged per partition. Exact counts, each word where HashPartitioner
   * puts it (so downstream joins and state keep the partitioning), one tuple per word.
   */
  @Test
  void slicesMergedPerPartitionCountLikeTheReferenceWhereHashPartitionerPutsEachWord() {
    for (Tokenizer t : Tokenizer.values()) {
      for (int partitions = 1; partitions <= 3; partitions++) {
        List<String> all = new ArrayList<>();
        List<List<Tuple2<Integer, byte[]>>> byPartition = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
          byPartition.add(new ArrayList<>());
        }
        for (int input = 0; input < 3; input++) {
          List<String> lines = new RandomText(40 + input).lines(400, 30);
          all.addAll(lines);
          WordCounting.slices(WordCounting.countLinesTable(lines.iterator(), t), partitions)
              .forEachRemaining(s -> byPartition.get(s._1()).add(s));
        }
        HashPartitioner spark = new HashPartitioner(partitions);
        Map<String, Long> merged = new TreeMap<>();
        for (int p = 0; p < partitions; p++) {
          Map<String, Long> part = collect(WordCounting.mergeSlices(byPartition.get(p).iterator()));
          for (String word : part.keySet()) {
            assertEquals(p, spark.getPartition(word), word);
          }
          merged.putAll(part);
        }
        assertEquals(RandomText.referenceCounts(all, t), merged, t + ", " + partitions + " partitions");
      }
    }
  }
}
