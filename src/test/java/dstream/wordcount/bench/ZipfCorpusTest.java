package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dstream.wordcount.core.Tokenizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ZipfCorpusTest {
  @Test
  void wordsAreTwoSyllablesForTheFirstTenThousandRanksThenThree() {
    assertEquals("baba", ZipfCorpus.word(0));
    assertEquals("babe", ZipfCorpus.word(1));
    assertEquals("bebe", ZipfCorpus.word(101));
    assertEquals("zuzu", ZipfCorpus.word(9_999));
    assertEquals("bababa", ZipfCorpus.word(10_000));
    assertThrows(IllegalArgumentException.class, () -> ZipfCorpus.word(-1));
  }

  @Test
  void distinctRanksGiveDistinctWords() {
    Set<String> words = new HashSet<>();
    for (int r = 0; r < 1_100_000; r++) {
      words.add(ZipfCorpus.word(r));
    }
    assertEquals(1_100_000, words.size());
  }

  @Test
  void linesAreAPureFunctionOfSeedAndPart() {
    ZipfCorpus corpus = new ZipfCorpus(1_000, 1.0, 10, 42);
    assertEquals(corpus.lines(0, 50), new ZipfCorpus(1_000, 1.0, 10, 42).lines(0, 50));
    assertNotEquals(corpus.lines(0, 50), corpus.lines(1, 50));
    assertNotEquals(corpus.lines(0, 50), corpus.withSeed(43).lines(0, 50));
  }

  @Test
  void everyLineHasExactlyTheWordsPerLineSeparatedBySingleSpaces() {
    for (String line : new ZipfCorpus(500, 1.0, 7, 1).lines(3, 200)) {
      String[] bySpace = line.split(" ", -1);
      assertEquals(7, bySpace.length, line);
      assertEquals(List.of(bySpace), Tokenizer.WHITESPACE.tokenize(line));
      assertEquals(List.of(bySpace), Tokenizer.WORDS.tokenize(line));
    }
  }

  @Test
  void frequenciesFollowZipfsLaw() {
    Map<String, Integer> counts = new HashMap<>();
    for (String line : new ZipfCorpus(1_000, 1.0, 10, 7).lines(0, 20_000)) {
      for (String w : line.split(" ")) {
        counts.merge(w, 1, Integer::sum);
      }
    }
    double first = counts.get(ZipfCorpus.word(0));
    // p(r) ~ 1/(r+1): rank 1 half as frequent as rank 0, rank 9 a tenth, within sampling noise.
    assertEquals(0.5, counts.get(ZipfCorpus.word(1)) / first, 0.05);
    assertEquals(0.1, counts.get(ZipfCorpus.word(9)) / first, 0.02);
    assertTrue(counts.keySet().stream().allMatch(w -> w.length() == 4), "only ranks below 1000");
  }

  @Test
  void distinctLinesHoldEachRankOnce() {
    List<String> lines = ZipfCorpus.distinctLines(5, 23, 10);
    assertEquals(3, lines.size());
    List<String> words = new ArrayList<>();
    lines.forEach(l -> words.addAll(List.of(l.split(" "))));
    List<String> expected = new ArrayList<>();
    for (int r = 5; r < 28; r++) {
      expected.add(ZipfCorpus.word(r));
    }
    assertEquals(expected, words);
  }
}
