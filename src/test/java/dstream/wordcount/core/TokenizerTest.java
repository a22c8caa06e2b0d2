package dstream.wordcount.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  @Test
  void whitespaceSplitsOnRunsAndKeepsCase() {
    assertEquals(List.of("Spark", "streaming,", "DStream"),
        Tokenizer.WHITESPACE.tokenize("  Spark \t streaming,\u00a0 DStream  "));
  }

  @Test
  void blankOrNullLinesHaveNoWords() {
    for (Tokenizer t : Tokenizer.values()) {
      assertEquals(List.of(), t.tokenize(""));
      assertEquals(List.of(), t.tokenize(" \t\r\n\u2003 "));
      assertEquals(List.of(), t.tokenize(null));
    }
  }

  @Test
  void controlCharactersSeparateWords() {
    assertEquals(List.of("nul", "sep", "bell"), Tokenizer.WHITESPACE.tokenize("nul\u0000sep\u0007bell\r"));
  }

  @Test
  void wordsLowerCasesLettersAndDigitsOnly() {
    assertEquals(List.of("spark", "spark", "spark", "s", "été", "été", "42", "straße"),
        Tokenizer.WORDS.tokenize("Spark, SPARK! spark's Été-ÉTÉ 42 Straße"));
  }

  @Test
  void replacementCharacterIsASeparatorForWordsButKeptByWhitespace() {
    assertEquals(List.of("bad", "x"), Tokenizer.WORDS.tokenize("bad\ufffdx"));
    assertEquals(List.of("bad\ufffdx"), Tokenizer.WHITESPACE.tokenize("bad\ufffdx"));
  }

  @Test
  void supplementaryCharactersStayWhole() {
    assertEquals(List.of("𝔰𝔭𝔞𝔯𝔨", "ok"), Tokenizer.WORDS.tokenize("𝔰𝔭𝔞𝔯𝔨 ok"));
    assertEquals(List.of("😀😀", "x"), Tokenizer.WHITESPACE.tokenize("😀😀 x"));
  }

  @Test
  void byNameKnowsBothRules() {
    assertEquals(Tokenizer.WORDS, Tokenizer.byName("words"));
    assertEquals(Tokenizer.WHITESPACE, Tokenizer.byName("whitespace"));
    assertEquals(null, Tokenizer.byName("regex"));
  }
}
