package dstream.wordcount.core;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Per-batch statistics of word counts: lines, words, distinct words, mean/max/min count per word
 * with the words that reach the max and min. Mergeable, so Spark can aggregate it per partition and
 * combine the partials; only the first {@link #MAX_WORDS_SHOWN} tied words are kept, because a batch
 * of a million distinct words would otherwise ship them all to the driver.
 */
public final class BatchStats implements Serializable {
  private static final long serialVersionUID = 1L;

  /** How many tied words are listed for max and min. */
  public static final int MAX_WORDS_SHOWN = 5;

  private long lines;
  private long words;
  private long distinct;
  private long max = Long.MIN_VALUE;
  private long maxTies;
  private final TreeSet<String> maxWords = new TreeSet<>();
  private long min = Long.MAX_VALUE;
  private long minTies;
  private final TreeSet<String> minWords = new TreeSet<>();

  /** Adds the count of one distinct word. */
  public BatchStats addWord(String word, long count) {
    words += count;
    distinct++;
    if (count > max) {
      max = count;
      maxTies = 0;
      maxWords.clear();
    }
    if (count == max) {
      maxTies++;
      keepSmallest(maxWords, word);
    }
    if (count < min) {
      min = count;
      minTies = 0;
      minWords.clear();
    }
    if (count == min) {
      minTies++;
      keepSmallest(minWords, word);
    }
    return this;
  }

  /** Sets the number of input lines of the batch. */
  public BatchStats withLines(long lineCount) {
    this.lines = lineCount;
    return this;
  }

  /** Combines two partial statistics (of disjoint word sets). */
  public BatchStats merge(BatchStats other) {
    lines += other.lines;
    words += other.words;
    distinct += other.distinct;
    if (other.distinct > 0) {
      if (other.max > max) {
        max = other.max;
        maxTies = 0;
        maxWords.clear();
      }
      if (other.max == max) {
        maxTies += other.maxTies;
        other.maxWords.forEach(w -> keepSmallest(maxWords, w));
      }
      if (other.min < min) {
        min = other.min;
        minTies = 0;
        minWords.clear();
      }
      if (other.min == min) {
        minTies += other.minTies;
        other.minWords.forEach(w -> keepSmallest(minWords, w));
      }
    }
    return this;
  }

  private static void keepSmallest(TreeSet<String> set, String word) {
    set.add(word);
    if (set.size() > MAX_WORDS_SHOWN) {
      set.pollLast();
    }
  }

  public long lines() {
    return lines;
  }

  public long words() {
    return words;
  }

  public long distinct() {
    return distinct;
  }

  /** Mean count per distinct word, 0 for an empty batch. */
  public double mean() {
    return distinct == 0 ? 0.0 : (double) words / distinct;
  }

  /** Highest count of a word, 0 for an empty batch. */
  public long max() {
    return distinct == 0 ? 0 : max;
  }

  /** Lowest count of a word, 0 for an empty batch. */
  public long min() {
    return distinct == 0 ? 0 : min;
  }

  public List<String> maxWords() {
    return new ArrayList<>(maxWords);
  }

  public List<String> minWords() {
    return new ArrayList<>(minWords);
  }

  /**
   * One line of {@code key=value} pairs, e.g. {@code lines=3 words=9 distinct=5 mean=1.80
   * max=4[spark] min=1[big,data,dstream] words_per_s=9.00}. Ties beyond the words shown are
   * summarized as {@code +N}.
   */
  public String format(double batchSeconds) {
    double rate = batchSeconds > 0 ? words / batchSeconds : 0.0;
    return String.format(
        Locale.ROOT,
        "lines=%d words=%d distinct=%d mean=%.2f max=%d%s min=%d%s words_per_s=%.2f",
        lines,
        words,
        distinct,
        mean(),
        max(),
        wordList(maxWords, maxTies),
        min(),
        wordList(minWords, minTies),
        rate);
  }

  private static String wordList(TreeSet<String> shown, long ties) {
    if (shown.isEmpty()) {
      return "[]";
    }
    String list = "[" + String.join(",", shown);
    long more = ties - shown.size();
    return more > 0 ? list + ",+" + more + "]" : list + "]";
  }
}
