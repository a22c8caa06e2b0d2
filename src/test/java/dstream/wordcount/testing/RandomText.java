package dstream.wordcount.testing;

import dstream.wordcount.core.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Seeded random lines built to break word counting: every whitespace, space and control
 * character, mixed case, surrogate pairs (with and without a lower-case form), lone surrogates,
 * characters whose lower-casing changes length or depends on position ('İ', 'Σ'), characters that
 * lower-case into ASCII (the Kelvin sign), and random code points from the whole range. Words are
 * drawn from a small vocabulary most of the time, so words repeat and counts exceed one.
 */
public final class RandomText {
  /** Every code point that separates or may separate words under some rule. */
  private static final int[] SEPARATORS;
  /** Characters with casing or encoding subtleties. */
  private static final String[] TRICKY = {
      "\u0130", "\u0131", "\u03a3", "\u03c3", "\u03c2", "\u00df", "\u1e9e", "\u212a", "\u2126",
      "\u01c5", "\u01c4", "\u00c9", "\u00e9", "\u0049", "\u0069", "\u0307", "\u13a0", "\uab70",
      "\ud801\udc00", "\ud801\udc28", "\ud835\udc00", "\ud83d\ude00", "\ud83c\udf89",
      "\ud800", "\udc00", "\ufffd", "\u0660", "\u0966", "\uff21", "\uff41", "\u0410", "\u0430"};
  private static final String ASCII_WORD = "aAbBzZ09xXqQ";
  private static final String ASCII_OTHER = ",.!'-_()\"#/\\";

  static {
    List<Integer> seps = new ArrayList<>();
    for (int cp = 0; cp <= 0x3100; cp++) {
      if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
        seps.add(cp);
      }
    }
    SEPARATORS = seps.stream().mapToInt(Integer::intValue).toArray();
  }

  private final Random random;
  private final List<String> vocabulary = new ArrayList<>();

  /** Lines drawn from {@code seed}; the vocabulary is drawn from it too. */
  public RandomText(long seed) {
    random = new Random(seed);
    for (int i = 0; i < 40; i++) {
      vocabulary.add(freshWord());
    }
  }

  /** One random line of up to {@code maxPieces} words and separators. */
  public String line(int maxPieces) {
    StringBuilder line = new StringBuilder();
    for (int k = random.nextInt(maxPieces + 1); k > 0; k--) {
      int pick = random.nextInt(10);
      if (pick < 4) {
        line.append(vocabulary.get(random.nextInt(vocabulary.size())));
      } else if (pick < 5) {
        line.append(freshWord());
      } else {
        line.appendCodePoint(SEPARATORS[random.nextInt(SEPARATORS.length)]);
      }
    }
    return line.toString();
  }

  /** {@code count} random lines. */
  public List<String> lines(int count, int maxPieces) {
    List<String> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(line(maxPieces));
    }
    return out;
  }

  private String freshWord() {
    StringBuilder w = new StringBuilder();
    for (int k = 1 + random.nextInt(6); k > 0; k--) {
      int pick = random.nextInt(10);
      if (pick < 5) {
        w.append(ASCII_WORD.charAt(random.nextInt(ASCII_WORD.length())));
      } else if (pick < 8) {
        w.append(TRICKY[random.nextInt(TRICKY.length)]);
      } else if (pick < 9) {
        w.append(ASCII_OTHER.charAt(random.nextInt(ASCII_OTHER.length())));
      } else {
        // Any code point, lone surrogates included.
        w.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
      }
    }
    return w.toString();
  }

  /** The simple reference count: {@link Tokenizer#tokenize} into a map, sorted for messages. */
  public static Map<String, Long> referenceCounts(List<String> lines, Tokenizer tokenizer) {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : lines) {
      for (String w : tokenizer.tokenize(line)) {
        counts.merge(w, 1L, Long::sum);
      }
    }
    return counts;
  }
}
