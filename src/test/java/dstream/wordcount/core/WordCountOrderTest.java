package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WordCountOrderTest {
  @Test
  void higherCountFirstThenWord() {
    assertTrue(WordCountOrder.compare("z", 5, "a", 2) < 0);
    assertTrue(WordCountOrder.compare("a", 2, "b", 2) < 0);
    assertEquals(0, WordCountOrder.compare("a", 2, "a", 2));
  }

  @Test
  void formatsLikeASparkTuple() {
    assertEquals("(spark,4)", WordCountOrder.format("spark", 4));
  }
}
