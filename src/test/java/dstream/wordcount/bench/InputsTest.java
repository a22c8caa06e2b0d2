package dstream.wordcount.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dstream.wordcount.core.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The growth measure's inputs hold exactly the words and distinct words their rows say. */
class InputsTest {
  @Test
  void cycledPartsHoldTheWordsAndExactlyTheDistinctWordsAsked() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int p = 0; p < 2; p++) {
      lines.addAll(Inputs.cycledPart(1_000, 20_001, 10, 2, p));
    }
    try (TableLimitCounter counter = new TableLimitCounter(Tokenizer.WHITESPACE, 1)) {
      Map<String, Long> counts = counter.count(lines);
      assertEquals(1_000, counts.size());
      assertEquals(20_001L, counts.values().stream().mapToLong(Long::longValue).sum());
      // Each word equally often, give or take one: ranks cycle over the whole batch.
      assertEquals(21L, counts.get(ZipfCorpus.word(0)));
      assertEquals(20L, counts.get(ZipfCorpus.word(999)));
    }
  }

  @Test
  void moreDistinctWordsThanWordsGivesEachWordOnceInFullLines() {
    List<String> lines = Inputs.cycledPart(1_000_000, 25, 10, 1, 0);
    assertEquals(3, lines.size());
    assertEquals(List.of(10, 10, 5), lines.stream().map(l -> l.split(" ").length).toList());
    assertEquals(ZipfCorpus.word(0) + " " + ZipfCorpus.word(1), lines.get(0).substring(0,
        ZipfCorpus.word(0).length() + 1 + ZipfCorpus.word(1).length()));
    assertEquals(25, String.join(" ", lines).split(" ").length);
    assertEquals(25L, java.util.Arrays.stream(String.join(" ", lines).split(" ")).distinct().count());
  }
}
