package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.core.Tokenizer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LimitCounterTest {
  private static final List<String> LINES = List.of(
      "spark streaming dstream", "spark  spark\tstreaming", "big data Spark", "", "data, data!");

  @Test
  void countsWithTheTokenizersRulesAcrossThreads() throws Exception {
    try (LimitCounter two = new LimitCounter(Tokenizer.WHITESPACE, 2)) {
      assertEquals(Map.of("spark", 3L, "Spark", 1L, "streaming", 2L, "dstream", 1L, "big", 1L,
          "data", 1L, "data,", 1L, "data!", 1L), two.count(LINES));
    }
    try (LimitCounter three = new LimitCounter(Tokenizer.WORDS, 3)) {
      assertEquals(Map.of("spark", 4L, "streaming", 2L, "dstream", 1L, "big", 1L, "data", 3L),
          three.count(LINES));
    }
  }

  @Test
  void moreThreadsThanLinesAndNoLines() throws Exception {
    try (LimitCounter many = new LimitCounter(Tokenizer.WHITESPACE, 4)) {
      assertEquals(Map.of("a", 2L), many.count(List.of("a a")));
      assertEquals(Map.of(), many.count(List.of()));
    }
  }
}
