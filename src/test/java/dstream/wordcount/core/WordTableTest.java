package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.testing.RandomText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@link WordTable} against the simple reference ({@link Tokenizer#tokenize} into a map): the same
 * words, the same normalized forms, the same counts, for both tokenizers.
 */
class WordTableTest {
  private static Map<String, Long> table(List<String> lines, Tokenizer t) {
    WordTable table = new WordTable();
    for (String line : lines) {
      table.addWords(line, t);
    }
    return new TreeMap<>(table.toMap());
  }

  private static Map<String, Long> counts(Object... wordsAndCounts) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < wordsAndCounts.length; i += 2) {
      m.put((String) wordsAndCounts[i], (Long) wordsAndCounts[i + 1]);
    }
    return m;
  }

  @Test
  void countsExactlyLikeTheTokenizerOnKnownLines() {
    List<String> lines = List.of("Spark SPARK spark's \u0130stanbul \u03a3\u0391\u03a3 \u212a k",
        "  spark\tstreaming\u00a0dstream\u2003Spark", "", "\ud801\udc00\ud801\udc28 \ud83d\ude00x");
    assertEquals(counts("spark", 5L, "s", 1L, "i\u0307stanbul", 1L, "\u03c3\u03b1\u03c2", 1L, "k", 2L,
        "streaming", 1L, "dstream", 1L, "\ud801\udc28\ud801\udc28", 1L, "x", 1L),
        table(lines, Tokenizer.WORDS));
    assertEquals(counts("Spark", 2L, "SPARK", 1L, "spark's", 1L, "\u0130stanbul", 1L,
        "\u03a3\u0391\u03a3", 1L, "\u212a", 1L, "k", 1L, "spark", 1L, "streaming", 1L, "dstream", 1L,
        "\ud801\udc00\ud801\udc28", 1L, "\ud83d\ude00x", 1L), table(lines, Tokenizer.WHITESPACE));
  }

  @Test
  void nullAndBlankLinesHaveNoWords() {
    for (Tokenizer t : Tokenizer.values()) {
      assertEquals(Map.of(), table(java.util.Arrays.asList(null, "", " \t\r\n\u2003\u0000 "), t));
    }
  }

  @Test
  void randomUnicodeLinesCountLikeTheReference() {
    for (Tokenizer t : Tokenizer.values()) {
      for (int seed = 0; seed < 300; seed++) {
        List<String> lines = new RandomText(seed).lines(200, 30);
        assertEquals(RandomText.referenceCounts(lines, t), table(lines, t), t + " seed " + seed);
      }
    }
  }

  @Test
  void everyCodePointAloneAndInsideWordsCountsLikeTheReference() {
    // Exhaustive over the assigned code points, in every position a word can hold one, a block of
    // them per table so each table grows and every word repeats. A block with no assigned code
    // point (most of planes 3 to 13) is uniform to every rule: its first one stands for it.
    for (Tokenizer t : Tokenizer.values()) {
      for (int block = 0; block <= Character.MAX_CODE_POINT; block += 0x1000) {
        WordTable table = new WordTable();
        Map<String, Long> expected = new java.util.HashMap<>();
        int end = unassigned(block) ? block + 1 : block + 0x1000;
        for (int cp = block; cp < end; cp++) {
          String c = new String(Character.toChars(cp));
          String line = c + " A" + c + " " + c + "b C" + c + "D a" + c + "\u0130 " + c + "\u03a3 " + c;
          table.addWords(line, t);
          for (String w : t.tokenize(line)) {
            expected.merge(w, 1L, Long::sum);
          }
        }
        if (!expected.equals(table.toMap())) {
          assertEquals(new TreeMap<>(expected), new TreeMap<>(table.toMap()), t + " block " + block);
        }
      }
    }
  }

  private static boolean unassigned(int block) {
    for (int cp = block; cp < block + 0x1000; cp++) {
      if (Character.getType(cp) != Character.UNASSIGNED) {
        return false;
      }
    }
    return true;
  }

  @Test
  void foldedFormsOfTheSameWordShareOneKey() {
    WordTable table = new WordTable();
    for (String line : List.of("Stra\u00dfe STRASSE stra\u00dfe", "\u212aelvin KELVIN kelvin")) {
      table.addWords(line, Tokenizer.WORDS);
    }
    assertEquals(Map.of("stra\u00dfe", 2L, "strasse", 1L, "kelvin", 3L), table.toMap());
    assertEquals(3L, table.count("kelvin"));
    assertEquals(0L, table.count("KELVIN"));
    assertEquals(3, table.size());
  }

  @Test
  void addAndAddAllMergeCountsAcrossGrowth() {
    List<String> lines = new RandomText(99).lines(5_000, 30);
    for (Tokenizer t : Tokenizer.values()) {
      WordTable first = new WordTable();
      WordTable second = new WordTable();
      for (int i = 0; i < lines.size(); i++) {
        (i % 3 == 0 ? first : second).addWords(lines.get(i), t);
      }
      Map<String, Long> secondBefore = second.toMap();
      first.addAll(second);
      assertEquals(RandomText.referenceCounts(lines, t), new TreeMap<>(first.toMap()), t.toString());
      assertEquals(secondBefore, second.toMap(), "addAll leaves its argument alone");

      WordTable byWord = new WordTable();
      List<String> words = new ArrayList<>();
      lines.forEach(l -> words.addAll(t.tokenize(l)));
      words.forEach(w -> byWord.add(w, 1));
      byWord.add("zz-extra", 5);
      byWord.add("zz-extra", 2);
      Map<String, Long> expected = new TreeMap<>(RandomText.referenceCounts(lines, t));
      expected.merge("zz-extra", 7L, Long::sum);
      assertEquals(expected, new TreeMap<>(byWord.toMap()), t.toString());
    }
  }

  @Test
  void manyDistinctWordsSurviveGrowth() {
    WordTable table = new WordTable();
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      line.append('w').append(i).append(' ');
      if (i % 100 == 99) {
        table.addWords(line.toString(), Tokenizer.WHITESPACE);
        table.addWords(line.toString().toUpperCase(java.util.Locale.ROOT), Tokenizer.WORDS);
        line.setLength(0);
      }
    }
    assertEquals(100_000, table.size());
    assertEquals(2L, table.count("w0"));
    assertEquals(2L, table.count("w99999"));
    long[] total = {0};
    table.forEach((w, c) -> total[0] += c);
    assertEquals(200_000L, total[0]);
  }
}
