package dstream.wordcount.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Splits a line into words. Both rules scan characters once instead of using a regex, because the
 * tokenizer runs once per input line and dominates the cost of a word count.
 *
 * <ul>
 *   <li>{@link #WHITESPACE}: runs of whitespace separate words; case is kept. ISO control
 *       characters (NUL, BEL, ...) also separate words so binary noise never glues words together.
 *   <li>{@link #WORDS}: words are runs of Unicode letters and digits, lower-cased with
 *       {@link Locale#ROOT}; everything else (punctuation, symbols, the U+FFFD that replaces invalid
 *       UTF-8) separates words.
 * </ul>
 *
 * Neither rule ever yields an empty word. An enum so that Spark closures capture a serializable
 * constant. ASCII characters, nearly all of most text, are classified by a table computed from the
 * same rules at class load, so they skip the code-point decoding and the Unicode lookups.
 */
public enum Tokenizer {
  WHITESPACE("whitespace") {
    @Override
    boolean isWordChar(int codePoint) {
      return !Character.isWhitespace(codePoint)
          && !Character.isSpaceChar(codePoint)
          && !Character.isISOControl(codePoint);
    }

    @Override
    String normalize(String word) {
      return word;
    }
  },
  WORDS("words") {
    @Override
    boolean isWordChar(int codePoint) {
      return Character.isLetterOrDigit(codePoint);
    }

    @Override
    String normalize(String word) {
      return word.toLowerCase(Locale.ROOT);
    }
  };

  private final String cliName;
  /** isWordChar of each ASCII character, filled once every constant exists. */
  private final boolean[] asciiWordChar = new boolean[128];

  static {
    for (Tokenizer t : values()) {
      for (int c = 0; c < 128; c++) {
        t.asciiWordChar[c] = t.isWordChar(c);
      }
    }
  }

  Tokenizer(String cliName) {
    this.cliName = cliName;
  }

  /** The name used by {@code --tokenizer}. */
  public String cliName() {
    return cliName;
  }

  abstract boolean isWordChar(int codePoint);

  abstract String normalize(String word);

  /** Calls {@code sink} once per word of {@code line}, in order. A null line has no words. */
  public void forEachWord(String line, Consumer<String> sink) {
    if (line == null) {
      return;
    }
    int n = line.length();
    int start = -1;
    int i = 0;
    while (i < n) {
      int at = i;
      char c = line.charAt(i);
      boolean wordChar;
      if (c < 128) {
        wordChar = asciiWordChar[c];
        i++;
      } else {
        int cp = line.codePointAt(i);
        wordChar = isWordChar(cp);
        i += Character.charCount(cp);
      }
      if (wordChar) {
        if (start < 0) {
          start = at;
        }
      } else if (start >= 0) {
        sink.accept(normalize(line.substring(start, at)));
        start = -1;
      }
    }
    if (start >= 0) {
      sink.accept(normalize(line.substring(start)));
    }
  }

  /** The words of {@code line}, in order. */
  public List<String> tokenize(String line) {
    List<String> words = new ArrayList<>();
    forEachWord(line, words::add);
    return words;
  }

  /** Looks a tokenizer up by its CLI name, or returns null. */
  public static Tokenizer byName(String name) {
    for (Tokenizer t : values()) {
      if (t.cliName.equals(name)) {
        return t;
      }
    }
    return null;
  }
}
