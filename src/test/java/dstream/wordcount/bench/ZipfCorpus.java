package dstream.wordcount.bench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, in-memory text corpus whose word frequencies follow Zipf's law, as natural language
 * roughly does: the word of rank r (0 = most frequent) is drawn with probability proportional to
 * {@code 1 / (r + 1)^exponent}. Lines hold exactly {@code wordsPerLine} words separated by single
 * spaces, so every tokenizer rule of the project and Spark's {@code split(" ")} agree on them.
 *
 * <p>Plain Java, serializable and cheap to ship: the benchmark generates each partition's lines on
 * the executor that caches them ({@link #lines(int, int)} is a pure function of the seed and the
 * part), and the plain-Java limit generates the very same lines on the driver.
 */
public final class ZipfCorpus implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final String CONSONANTS = "bcdfghjklmnpqrstvwxz";
  private static final String VOWELS = "aeiou";
  private static final int SYLLABLES = CONSONANTS.length() * VOWELS.length();
  /**
   * Numerals 1..100 have one syllable; starting at 101 gives every word at least two, so words
   * average about 4.4 letters, like English text.
   */
  private static final long FIRST_NUMERAL = SYLLABLES + 1;

  private final int vocabulary;
  private final double exponent;
  private final int wordsPerLine;
  private final long seed;
  // Rebuilt where it is used rather than shipped: vocabulary-sized.
  private transient double[] cumulative;
  private transient String[] words;

  /**
   * @param vocabulary number of distinct words that can be drawn
   * @param exponent Zipf exponent (1.0 is the classic law)
   * @param wordsPerLine words on every line
   * @param seed the same seed gives the same lines
   */
  public ZipfCorpus(int vocabulary, double exponent, int wordsPerLine, long seed) {
    if (vocabulary < 1 || wordsPerLine < 1 || !(exponent > 0)) {
      throw new IllegalArgumentException("vocabulary and words per line must be positive, exponent > 0");
    }
    this.vocabulary = vocabulary;
    this.exponent = exponent;
    this.wordsPerLine = wordsPerLine;
    this.seed = seed;
  }

  public int vocabulary() {
    return vocabulary;
  }

  public int wordsPerLine() {
    return wordsPerLine;
  }

  /** The same corpus law with another seed, for batches that differ. */
  public ZipfCorpus withSeed(long newSeed) {
    return new ZipfCorpus(vocabulary, exponent, wordsPerLine, newSeed);
  }

  /**
   * The word of rank {@code rank}: the bijective base-100 numeral of {@code rank + 101} written in
   * consonant-vowel syllables ("baba", "babe", ...). Distinct ranks give distinct words, frequent
   * words are short, and every word is lower-case letters only.
   */
  public static String word(long rank) {
    if (rank < 0) {
      throw new IllegalArgumentException("rank must be >= 0: " + rank);
    }
    long n = rank + FIRST_NUMERAL;
    StringBuilder reversed = new StringBuilder(8);
    while (n > 0) {
      n--; // bijective numeration: digits 1..100 become syllables 0..99
      int digit = (int) (n % SYLLABLES);
      reversed.append(VOWELS.charAt(digit % VOWELS.length()));
      reversed.append(CONSONANTS.charAt(digit / VOWELS.length()));
      n /= SYLLABLES;
    }
    return reversed.reverse().toString();
  }

  /**
   * Lines number {@code part} of the corpus: {@code count} lines drawn from a random stream that
   * depends only on the seed and {@code part}.
   */
  public List<String> lines(int part, int count) {
    prepare();
    SplittableRandom random = new SplittableRandom(mix(seed, part));
    List<String> out = new ArrayList<>(count);
    StringBuilder line = new StringBuilder(wordsPerLine * 8);
    for (int i = 0; i < count; i++) {
      line.setLength(0);
      for (int w = 0; w < wordsPerLine; w++) {
        if (w > 0) {
          line.append(' ');
        }
        line.append(words[sampleRank(random.nextDouble())]);
      }
      out.add(line.toString());
    }
    return out;
  }

  /**
   * Lines holding the {@code count} distinct words of ranks {@code first .. first + count - 1},
   * each once, {@code wordsPerLine} to a line (the last line may be shorter). Used to fill state
   * with a known number of words.
   */
  public static List<String> distinctLines(long first, long count, int wordsPerLine) {
    List<String> out = new ArrayList<>((int) (count / wordsPerLine + 1));
    StringBuilder line = new StringBuilder(wordsPerLine * 8);
    for (long r = first; r < first + count; r++) {
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word(r));
      if ((r - first + 1) % wordsPerLine == 0) {
        out.add(line.toString());
        line.setLength(0);
      }
    }
    if (line.length() > 0) {
      out.add(line.toString());
    }
    return out;
  }

  /** The rank whose cumulative probability first reaches {@code u} in [0, 1). */
  int sampleRank(double u) {
    prepare();
    int lo = 0;
    int hi = vocabulary - 1;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cumulative[mid] > u) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return lo;
  }

  private void prepare() {
    if (cumulative != null) {
      return;
    }
    double[] c = new double[vocabulary];
    String[] w = new String[vocabulary];
    double sum = 0;
    for (int r = 0; r < vocabulary; r++) {
      sum += 1.0 / Math.pow(r + 1, exponent);
      c[r] = sum;
      w[r] = word(r);
    }
    for (int r = 0; r < vocabulary; r++) {
      c[r] /= sum;
    }
    c[vocabulary - 1] = 1.0; // rounding must never leave u without a rank
    words = w;
    cumulative = c;
  }

  private static long mix(long seed, int part) {
    // SplittableRandom's own mixing spreads nearby seeds; the multiplier keeps parts apart.
    return seed * 0x9E3779B97F4A7C15L + part;
  }
}
