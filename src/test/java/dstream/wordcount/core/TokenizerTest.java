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

  @Test
  void asciiTableAgreesWithTheRulesOnRandomText() {
    // Every kind of character the fast ASCII path and the code-point path must agree on.
    String alphabet = "aZ09 \t\n\r\u000b\f\u001c\u0000\u007f,.!'-\u00a0\u00e9\u00c9\u00df\u2003"
        + "\u3000\u0130\ufffd\ud83d\ude00\ud835\udc00";
    java.util.Random random = new java.util.Random(17);
    for (Tokenizer t : Tokenizer.values()) {
      for (int n = 0; n < 2_000; n++) {
        StringBuilder line = new StringBuilder();
        for (int k = random.nextInt(30); k > 0; k--) {
          line.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        assertEquals(byCodePoints(t, line.toString()), t.tokenize(line.toString()), line.toString());
      }
    }
  }

  /** The rules applied code point by code point, with no table: the reference. */
  private static List<String> byCodePoints(Tokenizer t, String line) {
    List<String> words = new java.util.ArrayList<>();
    StringBuilder word = new StringBuilder();
    line.codePoints().forEach(cp -> {
      if (t.isWordChar(cp)) {
        word.appendCodePoint(cp);
      } else if (word.length() > 0) {
        words.add(t.normalize(word.toString()));
        word.setLength(0);
      }
    });
    if (word.length() > 0) {
      words.add(t.normalize(word.toString()));
    }
    return words;
  }
}
