package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class BatchStatsTest {
  @Test
  void summarizesTheLabBatch() {
    BatchStats s = new BatchStats().withLines(3)
        .addWord("spark", 4).addWord("streaming", 2).addWord("dstream", 1)
        .addWord("big", 1).addWord("data", 1);
    assertEquals(9, s.words());
    assertEquals(5, s.distinct());
    assertEquals(1.8, s.mean(), 1e-9);
    assertEquals(List.of("spark"), s.maxWords());
    assertEquals(List.of("big", "data", "dstream"), s.minWords());
    assertEquals("lines=3 words=9 distinct=5 mean=1.80 max=4[spark] min=1[big,data,dstream] "
        + "words_per_s=4.50", s.format(2.0));
  }

  @Test
  void mergeEqualsAddingEverythingToOne() {
    BatchStats a = new BatchStats().withLines(1).addWord("a", 3).addWord("b", 1);
    BatchStats b = new BatchStats().withLines(2).addWord("c", 3).addWord("d", 5).addWord("e", 1);
    BatchStats empty = new BatchStats();
    BatchStats merged = a.merge(empty).merge(b);
    assertEquals("lines=3 words=13 distinct=5 mean=2.60 max=5[d] min=1[b,e] words_per_s=13.00",
        merged.format(1.0));
  }

  @Test
  void manyTiesAreListedUpToALimitAndCounted() {
    BatchStats s = new BatchStats();
    for (String w : List.of("g", "f", "e", "d", "c", "b", "a")) {
      s.addWord(w, 1);
    }
    assertEquals("lines=0 words=7 distinct=7 mean=1.00 max=1[a,b,c,d,e,+2] min=1[a,b,c,d,e,+2] "
        + "words_per_s=7.00", s.format(1.0));
  }

  @Test
  void emptyBatchReportsZeros() {
    assertEquals("lines=0 words=0 distinct=0 mean=0.00 max=0[] min=0[] words_per_s=0.00",
        new BatchStats().format(1.0));
  }
}
